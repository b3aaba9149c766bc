package kamalproxy;

import java.io.PrintStream;
import java.time.Instant;

/** kamal-proxy's log shape: one JSON object per line on stdout ({@code time}, {@code level}, {@code msg}, fields). */
final class Log {
  private static final PrintStream OUT = System.out;
  private static volatile boolean debug;

  private Log() {
  }

  static void debugEnabled(boolean enabled) {
    debug = enabled;
  }

  static void info(String message, Object... fields) {
    write("INFO", message, fields);
  }

  static void debug(String message, Object... fields) {
    if (debug) {
      write("DEBUG", message, fields);
    }
  }

  static void error(String message, Object... fields) {
    write("ERROR", message, fields);
  }

  /** {@code fields} alternate key, value. */
  private static void write(String level, String message, Object... fields) {
    StringBuilder line = new StringBuilder(128).append("{\"time\":\"").append(Instant.now())
        .append("\",\"level\":\"").append(level).append("\",\"msg\":");
    quote(line, message);
    for (int i = 0; i + 1 < fields.length; i += 2) {
      line.append(',');
      quote(line, String.valueOf(fields[i]));
      line.append(':');
      Object value = fields[i + 1];
      if (value instanceof Number || value instanceof Boolean) {
        line.append(value);
      } else {
        quote(line, String.valueOf(value));
      }
    }
    line.append('}');
    synchronized (OUT) {
      OUT.println(line);
      OUT.flush();
    }
  }

  static void quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}

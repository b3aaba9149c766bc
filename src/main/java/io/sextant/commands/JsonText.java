package io.sextant.commands;

import java.util.List;
import java.util.Map;

/**
 * The one JSON writer: compact ({@code {"a":"b"}}, no spaces) and escaped as Ruby's {@code JSON.generate} does, so
 * that {@code secrets fetch} prints what Kamal prints; also the hook context file and the hook audit log. Strings,
 * numbers, booleans, null, lists and maps (in their iteration order); anything else is written as its string.
 */
public final class JsonText {
  private JsonText() {}

  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      quote(out, text);
    } else if (value instanceof Boolean || value instanceof Number && finite((Number) value)) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      String separator = "";
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(separator);
        quote(out, String.valueOf(entry.getKey()));
        out.append(':');
        append(out, entry.getValue());
        separator = ",";
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        append(out, list.get(i));
      }
      out.append(']');
    } else {
      quote(out, value.toString()); // NaN and Infinity too: JSON has no such numbers
    }
  }

  private static boolean finite(Number number) {
    return !(number instanceof Double d && !Double.isFinite(d)) && !(number instanceof Float f && !Float.isFinite(f));
  }

  /**
   * A JSON string: quote, backslash and control characters escaped (the short forms where JSON has one, as Ruby
   * writes them), {@code /} and non-ASCII characters as they are. A lone surrogate, which UTF-8 cannot encode,
   * is written as its {@code \\u} escape rather than turned into {@code ?}.
   */
  private static void quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c) && !pairedSurrogate(text, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean pairedSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}

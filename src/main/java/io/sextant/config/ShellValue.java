package io.sextant.config;

import java.util.regex.Pattern;

/**
 * Kamal's {@code Kamal::Utils.escape_shell_value}
 * (<a href="https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/utils.rb#L59-L70">utils.rb</a>): ASCII runs as
 * a Ruby {@code String#dump} (double quotes, backslash escapes) with backticks and every {@code $} not opening a
 * {@code ${...}} escaped; non-ASCII runs left as they are. Kamal's summary ({@code --log-opt} values) and the
 * command lines that must equal Kamal's byte for byte use it.
 */
public final class ShellValue {
  private ShellValue() {}

  public static String escape(String value) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      int start = i;
      boolean ascii = value.charAt(i) < 0x80;
      while (i < value.length() && (value.charAt(i) < 0x80) == ascii) {
        i++;
      }
      String run = value.substring(start, i);
      out.append(ascii ? escapeAscii(run) : run);
    }
    return out.toString();
  }

  private static String escapeAscii(String run) {
    StringBuilder dumped = new StringBuilder("\"");
    for (int i = 0; i < run.length(); i++) {
      char c = run.charAt(i);
      char next = i + 1 < run.length() ? run.charAt(i + 1) : 0;
      switch (c) {
        case '"' -> dumped.append("\\\"");
        case '\\' -> dumped.append("\\\\");
        case '\n' -> dumped.append("\\n");
        case '\r' -> dumped.append("\\r");
        case '\t' -> dumped.append("\\t");
        case '\f' -> dumped.append("\\f");
        case 0x0B -> dumped.append("\\v");
        case 0x08 -> dumped.append("\\b");
        case 0x07 -> dumped.append("\\a");
        case 0x1B -> dumped.append("\\e");
        case '#' -> dumped.append(next == '{' || next == '$' || next == '@' ? "\\#" : "#");
        default -> {
          if (c < 0x20 || c == 0x7F) {
            dumped.append(String.format("\\x%02X", (int) c));
          } else {
            dumped.append(c);
          }
        }
      }
    }
    dumped.append('"');
    String text = dumped.toString().replace("`", "\\`");
    // A $ not opening ${...} is escaped, so the shell expands nothing but ${...} (Kamal's rule)
    return DOLLAR_WITHOUT_BRACES.matcher(text).replaceAll("\\\\\\$");
  }

  private static final Pattern DOLLAR_WITHOUT_BRACES = Pattern.compile("\\$(?!\\{[^}]*\\})");
}

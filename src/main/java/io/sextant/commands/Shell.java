package io.sextant.commands;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place where Sextant quotes values for a POSIX shell. Every remote (and shell-run local) command line is
 * built from words passed through {@link #quote(String)} or {@link #join(List)}, so a version, destination or
 * message containing quotes, {@code $}, backticks, newlines or non-ASCII text reaches the command as typed.
 *
 * <p>Style: words made only of characters no shell treats specially are left as they are (so golden strings stay
 * readable, {@code docker run nginx}); everything else is wrapped in single quotes, inside which a POSIX shell
 * interprets nothing, and each embedded {@code '} becomes {@code '\''}.
 */
public final class Shell {
  // No glob, expansion, redirection, word-splitting or quoting character; '=' and ':' and '@' are inert.
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private Shell() {}

  /** {@code value} as one shell word that expands to exactly {@code value}. */
  public static String quote(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      return "''";
    }
    if (SAFE.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /**
   * {@code value} quoted the way Kamal quotes option values ({@code Kamal::Utils.escape_shell_value}): ASCII runs
   * as a Ruby {@code String#dump} (double quotes, backslash escapes) with backticks and every {@code $} not opening
   * a {@code ${...}} escaped; non-ASCII runs left as they are. Used only where a golden string has to equal Kamal's
   * byte for byte (values Kamal sends to kamal-proxy and its {@code docker run} options).
   */
  public static String kamalEscape(String value) {
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

  /** The words of {@code argv}, each quoted, separated by single spaces. */
  public static String join(List<String> argv) {
    return argv.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }
}

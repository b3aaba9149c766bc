package io.sextant.commands;

import io.sextant.config.ShellValue;
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
    return ShellValue.escape(value);
  }


  /** The words of {@code argv}, each quoted, separated by single spaces. */
  public static String join(List<String> argv) {
    return argv.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }

  /**
   * {@code value} escaped as Ruby's {@code Shellwords.escape} does (a backslash before every character outside
   * {@code [A-Za-z0-9_\-.,:+/@\n]}, a newline as {@code '\n'}, the empty string as {@code ''}): the quoting Kamal's
   * secrets adapters and {@code secrets fetch --inline} use, so their command lines and output match Kamal's.
   */
  public static String rubyEscape(String value) {
    if (value.isEmpty()) {
      return "''";
    }
    StringBuilder out = new StringBuilder();
    value.codePoints().forEach(c -> {
      if (c == '\n') {
        out.append("'\n'");
        return;
      }
      boolean plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || "_-.,:+/@".indexOf(c) >= 0;
      if (!plain) {
        out.append('\\');
      }
      out.appendCodePoint(c);
    });
    return out.toString();
  }

  /**
   * {@code value} as Kamal's {@code Utils.escape_shell_value} writes it: ASCII runs as Ruby's {@code String#dump}
   * (double quotes, backslash escapes) with backticks and {@code $} (unless {@code ${...}}) escaped; other runs
   * kept as they are.
   */
  public static String kamalValue(String value) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      int start = i;
      boolean ascii = value.charAt(i) < 0x80;
      while (i < value.length() && (value.charAt(i) < 0x80) == ascii) {
        i++;
      }
      String run = value.substring(start, i);
      out.append(ascii ? dumpAscii(run) : run);
    }
    return out.toString();
  }

  private static String dumpAscii(String run) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < run.length(); i++) {
      char c = run.charAt(i);
      char next = i + 1 < run.length() ? run.charAt(i + 1) : 0;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case 0x0b -> out.append("\\v");
        case '\b' -> out.append("\\b");
        case 0x07 -> out.append("\\a");
        case 0x1b -> out.append("\\e");
        case '#' -> out.append(next == '{' || next == '$' || next == '@' ? "\\#" : "#");
        case '`' -> out.append("\\`");
        case '$' -> out.append(next == '{' && run.indexOf('}', i + 2) >= 0 ? "$" : "\\$");
        default -> out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02X", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}

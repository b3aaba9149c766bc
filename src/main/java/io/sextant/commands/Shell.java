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
}

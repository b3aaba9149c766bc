package io.sextant.commands;

import java.util.List;
import java.util.regex.Pattern;

/**
 * POSIX shell quoting: the one place a word is made safe for {@code sh}. (Placeholder until the {@code ssh}
 * branch's {@code Shell} lands; same contract.)
 */
public final class Shell {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private Shell() {}

  /** The word as is when it needs no quoting, else in single quotes ({@code '} written as {@code '\''}). */
  public static String quote(String word) {
    if (!word.isEmpty() && SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** The words quoted and joined by single spaces. */
  public static String join(List<String> words) {
    StringBuilder line = new StringBuilder();
    for (String word : words) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(quote(word));
    }
    return line.toString();
  }
}

package io.sextant.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secret values in text with {@code [REDACTED]}: the one rule for everything Sextant prints or records.
 * A value of {@value #SHORT} characters or more is replaced wherever it appears. A shorter one (a PIN, a flag such
 * as {@code 1}) is replaced only where it stands alone, touching no letter or digit: replaced inside words it would
 * turn {@code proxy} into {@code pro[REDACTED]y} for a secret {@code x} while hiding nothing (a value that short
 * cannot be told apart from the letters around it). The text is read once, longest values first, so a marker
 * already written is never matched again. (Kamal redacts only the arguments it marks as sensitive on its own
 * command lines, never command output.)
 */
public final class Redaction {
  /** Values at least this long are replaced even inside words. */
  public static final int SHORT = 4;

  public static final String REDACTED = "[REDACTED]";

  private static final Redaction NONE = new Redaction(null);

  private final Pattern pattern;

  private Redaction(Pattern pattern) {
    this.pattern = pattern;
  }

  /** The redaction of {@code secrets} (empty values and repeats ignored). */
  public static Redaction of(Collection<String> secrets) {
    List<String> values = new ArrayList<>(new LinkedHashSet<>(secrets));
    values.removeIf(value -> value == null || value.isEmpty());
    if (values.isEmpty()) {
      return NONE;
    }
    values.sort(Comparator.comparingInt(String::length).reversed());
    List<String> alternatives = new ArrayList<>();
    for (String value : values) {
      alternatives.add(value.length() >= SHORT ? Pattern.quote(value)
          : "(?<![\\p{L}\\p{N}])" + Pattern.quote(value) + "(?![\\p{L}\\p{N}])");
    }
    return new Redaction(Pattern.compile(String.join("|", alternatives)));
  }

  /** {@code text} with every value replaced (null stays null). */
  public String apply(String text) {
    if (text == null || pattern == null) {
      return text;
    }
    return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED));
  }

  /** {@code text} with every one of {@code secrets} replaced. */
  public static String redact(String text, Collection<String> secrets) {
    return of(secrets).apply(text);
  }
}

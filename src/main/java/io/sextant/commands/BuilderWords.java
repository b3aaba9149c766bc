package io.sextant.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How Kamal's builders put words together ({@code Kamal::Commands::Base#combine/chain/pipe},
 * {@code Kamal::Utils.argumentize}): lists of words that, joined by single spaces, are Kamal's command lines, shell
 * operators included.
 */
final class BuilderWords {
  private BuilderWords() {}

  /** {@code --option key=value} per entry (a blank value: just {@code key}; {@code false} kept as written). */
  static List<String> argumentize(String option, Map<String, String> values) {
    List<String> words = new ArrayList<>();
    values.forEach((key, value) -> {
      if ("false".equals(value)) {
        words.addAll(List.of(option, key + "=false"));
      } else {
        words.addAll(List.of(option, present(value) ? key + "=" + Shell.kamalEscape(value) : key));
      }
    });
    return words;
  }

  static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  @SafeVarargs
  static List<String> words(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> part : parts) {
      all.addAll(part);
    }
    return all;
  }

  /** The non-empty commands joined by the operator {@code by}. */
  @SafeVarargs
  static List<String> combine(String by, List<String>... commands) {
    List<String> all = new ArrayList<>();
    for (List<String> command : commands) {
      if (command.isEmpty()) {
        continue;
      }
      if (!all.isEmpty()) {
        all.add(by);
      }
      all.addAll(command);
    }
    return all;
  }

  static List<String> chain(List<String> first, List<String> second) {
    return combine(";", first, second);
  }

  static List<String> pipe(List<String> first, List<String> second) {
    return combine("|", first, second);
  }
}

package io.sextant.config;

import java.util.Locale;

/** Parses a {@code hooks_output} level as Kamal does ({@code quiet}, {@code :quiet}, {@code verbose}, ...). */
final class HooksOutputLevel {
  private HooksOutputLevel() {}

  /** The level, or null if {@code text} is not one. */
  static HooksOutput.Level parse(String text) {
    return switch (Scalars.symbolName(text)) {
      case "quiet" -> HooksOutput.Level.QUIET;
      case "verbose" -> HooksOutput.Level.VERBOSE;
      default -> null;
    };
  }

  static String name(HooksOutput.Level level) {
    return level.name().toLowerCase(Locale.ROOT);
  }
}

package io.sextant.hooks;

/**
 * Kamal's {@code hooks_output} values (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/base.rb#L234-L242):
 * {@code quiet} hides the hook entirely, {@code verbose} shows its output.
 */
public enum HookOutput {
  QUIET,
  VERBOSE;

  /** Parses {@code quiet}/{@code verbose} (a leading {@code :} as in Ruby symbols is accepted). */
  public static HookOutput parse(String value) {
    String plain = value.startsWith(":") ? value.substring(1) : value;
    return switch (plain) {
      case "quiet" -> QUIET;
      case "verbose" -> VERBOSE;
      default -> throw new IllegalArgumentException(
          "Invalid hooks_output '" + value + "', must be one of: quiet, verbose");
    };
  }
}

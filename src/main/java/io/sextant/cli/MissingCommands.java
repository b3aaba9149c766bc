package io.sextant.cli;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The one line for a command line picocli could not match: an unknown command (aliases included) or an unexpected
 * argument. Every Kamal 2.12 command, hidden ones included, is one of Sextant's ({@code KamalCommandLineTest}).
 */
final class MissingCommands {
  private MissingCommands() {}

  /**
   * The line for a command line picocli could not match: an unknown command, an unexpected argument, or null when
   * the unmatched argument is an option (picocli's own message names it).
   */
  static String explain(CommandLine matched, List<String> unmatched) {
    if (unmatched.isEmpty() || unmatched.get(0).startsWith("-")) {
      return null;
    }
    String parent = matched.getCommandSpec().qualifiedName().replaceFirst("^sextant ?", "");
    String first = key(parent.isEmpty() ? unmatched.get(0) : parent + " " + unmatched.get(0));
    if (matched.getSubcommands().isEmpty()) {
      return "unexpected argument '" + unmatched.get(0) + "' for `" + matched.getCommandSpec().qualifiedName()
          + "`";
    }
    return "unknown command `sextant " + first + "` (run `" + matched.getCommandSpec().qualifiedName()
        + " help` for the commands; an alias comes from the aliases key of config/deploy.yml)";
  }

  private static String key(String words) {
    return words.replace('-', '_').toLowerCase(Locale.ROOT);
  }
}

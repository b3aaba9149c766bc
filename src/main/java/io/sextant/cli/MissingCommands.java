package io.sextant.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * Kamal 2.12's commands that Sextant does not have (yet), each with what to do instead. Consulted only after
 * picocli found no such command, so a command added later wins over its entry here without touching this table.
 * The list comes from the {@code desc} lines of https://github.com/basecamp/kamal/tree/v2.12.0/lib/kamal/cli.
 */
final class MissingCommands {
  private MissingCommands() {}

  private static final String APP_REMOVE = "use `sextant app remove`";
  private static final String PROXY_REMOVE = "use `sextant proxy remove`";

  /** Key: the command words with '_' for '-'; value: what to do instead. */
  static final Map<String, String> INSTEAD = Map.ofEntries(
      Map.entry("app remove_container", APP_REMOVE),
      Map.entry("app remove_containers", APP_REMOVE),
      Map.entry("app remove_images", APP_REMOVE),
      Map.entry("app remove_app_directories", APP_REMOVE),
      Map.entry("proxy remove_container", PROXY_REMOVE),
      Map.entry("proxy remove_image", PROXY_REMOVE),
      Map.entry("proxy remove_proxy_directory", PROXY_REMOVE));

  /**
   * The line for a command line picocli could not match: the missing Kamal command and what to do instead, an
   * unknown command, or null when the unmatched argument is an option (picocli's own message names it).
   */
  static String explain(CommandLine matched, List<String> unmatched) {
    if (unmatched.isEmpty() || unmatched.get(0).startsWith("-")) {
      return null;
    }
    String parent = matched.getCommandSpec().qualifiedName().replaceFirst("^sextant ?", "");
    String first = key(parent.isEmpty() ? unmatched.get(0) : parent + " " + unmatched.get(0));
    String typed = first;
    if (unmatched.size() > 1 && !unmatched.get(1).startsWith("-")) {
      typed = key(first + " " + unmatched.get(1));
    }
    String known = INSTEAD.containsKey(typed) ? typed : first; // `app remove_container x`: the command is two words
    String instead = INSTEAD.get(known);
    if (instead != null) {
      return "`sextant " + known + "` (a Kamal 2.12 command) is not implemented in Sextant yet: " + instead;
    }
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

package io.sextant.cli;

import io.sextant.console.Console;
import io.sextant.hooks.HookAuditLog;
import io.sextant.hooks.HookSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hooks history}: the last entries of the local hook audit log {@code .kamal/hooks.log} (B7). */
@Command(name = "history", description = "Show the last hook runs recorded in .kamal/hooks.log.")
final class HooksHistoryCommand extends HooksCommand.Sub {
  @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "How many entries (default: ${DEFAULT-VALUE}).")
  int lines = 20;

  @Option(names = "--json", description = "Print the JSON lines as stored.")
  boolean json;

  @Override
  protected int execute() {
    Console console = console();
    HookSettings settings = projectOrDefaults(console).settings();
    Path log = settings.auditLog();
    List<String> entries;
    try {
      entries = HookAuditLog.tail(log, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + log + ": " + e.getMessage(), e);
    }
    if (entries.isEmpty()) {
      console.result("No hook runs recorded yet (" + io.sextant.hooks.HookScript.shown(log,
          settings.workingDirectory()) + ")");
      return 0;
    }
    for (String entry : entries) {
      console.result(json ? entry : HookAuditLog.describe(entry));
    }
    return 0;
  }
}

package io.sextant.cli;

import io.sextant.console.Console;
import io.sextant.hooks.HookPoint;
import io.sextant.hooks.HookScript;
import io.sextant.hooks.HookSettings;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code hooks list}: every hook point, its files, which commands fire it, its timeout and output setting. */
@Command(name = "list", description = "Show every hook point: files found, executable or not, who fires it.")
final class HooksListCommand extends HooksCommand.Sub {
  @Override
  protected int execute() {
    Console console = console();
    HookProject project = projectOrDefaults(console);
    HookSettings settings = project.settings();
    console.result("Hooks in " + HookScript.shown(settings.hooksPath(), settings.workingDirectory())
        + " (settings from " + project.source() + ")");
    for (HookPoint hook : HookPoint.values()) {
      List<HookScript> scripts = HookScript.find(settings.hooksPath(), hook, settings.workingDirectory());
      console.result("");
      console.result(hook.hookName() + (scripts.isEmpty() ? "  (no script)" : ""));
      for (HookScript script : scripts) {
        String path = HookScript.shown(script.path(), settings.workingDirectory());
        console.result("  " + path + "  " + switch (script.state()) {
          case RUNNABLE -> "runs";
          case SKIPPED -> "skipped: " + script.reason();
          case INVALID -> "CANNOT RUN: " + script.reason();
        });
      }
      console.result("  fired by: " + String.join(", ", hook.firedBy()));
      console.result("  secrets: " + (hook.receivesSecrets() ? "yes" : "no")
          + "   timeout: " + settings.timeoutFor(hook).map(d -> d.toSeconds() + "s").orElse("none")
          + "   output: " + settings.outputFor(hook).map(o -> o.name().toLowerCase(java.util.Locale.ROOT))
              .orElse("default")
          + settings.skipReason(hook).map(reason -> "   skipped by " + reason).orElse(""));
    }
    return 0;
  }
}

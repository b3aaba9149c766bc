package io.sextant.cli;

import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.hooks.HookOutput;
import io.sextant.hooks.HookPoint;
import io.sextant.hooks.HookRunner;
import io.sextant.hooks.HookScript;
import io.sextant.hooks.HookSettings;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hooks run NAME}: runs the hook now with the environment of a command, {@code KAMAL_HOOK_DRY_RUN=1}, no
 * lock and no SSH. Its output is shown (unless {@code -q}); a failure exits 1 as in a real command.
 */
@Command(name = "run", description = "Run a hook now (KAMAL_HOOK_DRY_RUN=1, no lock, no SSH).")
final class HooksRunCommand extends HooksCommand.Sub {
  @Parameters(paramLabel = "HOOK", description = "The hook, e.g. pre-deploy.")
  String hookName;

  @Option(names = "--command", paramLabel = "COMMAND",
      description = "The firing command, e.g. deploy or \"app boot\" (default: the first that fires it).")
  String command;

  @Override
  protected int execute() {
    Console console = console();
    HookPoint hook = HookInvocation.hook(hookName);
    HookProject project = project(console);
    HookSettings settings = project.settings();
    if (HookScript.find(settings.hooksPath(), hook).isEmpty()) {
      console.result("No " + hook.hookName() + " hook in "
          + HookScript.shown(settings.hooksPath(), settings.workingDirectory()) + ": nothing to run");
      return 0;
    }
    // asked for explicitly: never skipped, output shown unless -q
    HookSettings explicit = settings.withSkips(false, List.of());
    if (console.verbosity() == Verbosity.NORMAL) {
      explicit = explicit.withOutput(HookOutput.VERBOSE, Map.of());
    }
    String firing = command != null ? command : HookInvocation.defaultCommand(hook);
    HookRunner runner = new HookRunner(explicit, console, java.time.Clock.systemUTC(), project.environment());
    runner.run(hook, HookInvocation.forRun(project, hook, firing));
    return 0;
  }
}

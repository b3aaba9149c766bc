package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.console.Console;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code sextant hooks}: inspect, explain, try and check the project's hooks (B4, B7). */
@Command(name = "hooks", description = "Inspect, try and check hooks (list, env, run, validate, history).",
    subcommands = {HooksListCommand.class, HooksEnvCommand.class, HooksRunCommand.class,
        HooksValidateCommand.class, HooksHistoryCommand.class})
public final class HooksCommand extends BaseCommand {
  @Override
  protected int execute() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** Shared by the subcommands: the project of the working directory. */
  abstract static class Sub extends BaseCommand {
    /** The project from the configuration; loading errors are thrown (exit 2). */
    HookProject project(Console console) {
      return HookProjects.load(global(), console, workingDir());
    }

    /**
     * The project from the configuration, or from Kamal's defaults when it cannot be loaded (the reason is
     * printed), so that {@code list}, {@code validate} and {@code history} help exactly when something is wrong.
     */
    HookProject projectOrDefaults(Console console) {
      try {
        return project(console);
      } catch (SextantException e) {
        console.error("Configuration not loaded (" + e.getMessage().lines().findFirst().orElse("") + ");"
            + " using .kamal/hooks");
        return HookProjects.defaults(global(), console.verbosity(), workingDir(), "configuration not loaded");
      }
    }

    Path workingDir() {
      return io.sextant.invocation.Invocation.current().workingDir();
    }
  }
}

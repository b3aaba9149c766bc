package io.sextant.cli;

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
    HookProject project(Console console) {
      return HookProjects.load(global(), console.verbosity(), workingDir());
    }

    Path workingDir() {
      return Path.of("").toAbsolutePath();
    }
  }
}

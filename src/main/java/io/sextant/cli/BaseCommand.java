package io.sextant.cli;

import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Every subcommand has the same shape: read the global options, build the domain objects, run, return an exit
 * code. Failures are {@link io.sextant.SextantException}s handled once, in {@link Main}.
 */
@Command
public abstract class BaseCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  /** The global options given anywhere on the command line. */
  protected GlobalOptions global() {
    return ((SextantCommand) spec.root().userObject()).global();
  }

  protected Console console() {
    GlobalOptions options = global();
    return Console.system(Verbosity.from(options.verbose(), options.quiet()));
  }

  @Override
  public final Integer call() throws Exception {
    return execute();
  }

  /** Runs the command; returns the exit code (0 on success). */
  protected abstract int execute() throws Exception;
}

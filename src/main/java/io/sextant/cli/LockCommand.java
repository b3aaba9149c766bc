package io.sextant.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sextant lock}: the deploy lock, by hand
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/lock.rb).
 */
@Command(name = "lock", description = "Manage the deploy lock.",
    subcommands = {LockCommand.Acquire.class, LockCommand.Status.class, LockCommand.Release.class,
        LockCommand.Help.class})
public final class LockCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code lock help}: what the lock error message points to. */
  @Command(name = "help", description = "Explain the deploy lock and its commands.")
  public static final class Help implements Runnable {
    @picocli.CommandLine.ParentCommand LockCommand parent;

    @Override
    public void run() {
      java.io.PrintWriter out = parent.spec.commandLine().getOut();
      out.println("The deploy lock keeps two deploys of the same service (and destination) from running at once.");
      out.println("It is a directory .kamal/lock-<service>[-<destination>] on the primary host, shared with Kamal.");
      out.println("Deploys take and release it automatically; `--lock-wait` waits for another deploy's lock.");
      out.println("A lock left behind (or taken by hand) stays until someone runs `sextant lock release`.");
      out.println();
      parent.spec.commandLine().usage(out);
    }
  }

  /** {@code lock acquire -m MESSAGE}. */
  @Command(name = "acquire", description = "Acquire the deploy lock, with a message saying why.")
  public static final class Acquire extends SessionCommand {
    @Option(names = {"-m", "--message"}, required = true, description = "Why the lock is taken.")
    String message;

    @Override
    protected int run(CommandSession session) {
      session.lock().acquire(message);
      return 0;
    }
  }

  /** {@code lock status}. */
  @Command(name = "status", description = "Show the deploy lock, if any.")
  public static final class Status extends SessionCommand {
    @Override
    protected int run(CommandSession session) {
      session.console().result(session.lock().status().orElse("There is no deploy lock"));
      return 0;
    }
  }

  /** {@code lock release}: removes the lock whoever holds it. */
  @Command(name = "release", description = "Release the deploy lock (whoever holds it).")
  public static final class Release extends SessionCommand {
    @Override
    protected int run(CommandSession session) {
      session.console().result(session.lock().release() ? "Released the deploy lock" : "There is no deploy lock");
      return 0;
    }
  }
}

package io.sextant.cli;

import io.sextant.deploy.Deployer;
import picocli.CommandLine.Command;

/** {@code sextant app}: the app's containers on the servers. */
@Command(name = "app", description = "Manage the app's containers.",
    subcommands = {AppCommand.Boot.class})
public final class AppCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code app boot}: boots the version ({@code --version}, else the configured one) group by group (H-27). */
  @Command(name = "boot", description = "Boot the app version on the servers (group by group, see boot.limit).")
  public static final class Boot extends SessionCommand {
    @Override
    protected int run(CommandSession session) {
      audited(session, "Booted " + session.version(), () -> new Deployer(session).appBoot(session.version()));
      return 0;
    }
  }
}

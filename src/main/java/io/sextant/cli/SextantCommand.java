package io.sextant.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: it only holds the global options and wires the subcommands. */
@Command(
    name = "sextant",
    description = "Deploy containerised apps to your own servers over SSH (Kamal-compatible).",
    subcommands = {VersionCommand.class, InitCommand.class, ConfigCommand.class, HooksCommand.class,
        LockCommand.class, ServerCommand.class, AuditCommand.class, DeployCommands.Deploy.class,
        DeployCommands.Redeploy.class, DeployCommands.Rollback.class, DeployCommands.Setup.class, BuildCommand.class,
        AppCommand.class, TopLevelCommands.Details.class, TopLevelCommands.Remove.class, TopLevelCommands.Prune.class},
    usageHelpAutoWidth = true)
public final class SextantCommand implements Runnable {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Option(names = "--help", usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
  boolean help;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  GlobalOptions global() {
    return global;
  }
}

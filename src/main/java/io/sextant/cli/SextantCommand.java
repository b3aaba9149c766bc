package io.sextant.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command: it only holds the global options. Its subcommands are listed in {@link #SUBCOMMANDS} rather
 * than in the annotation, so that {@link Subcommands} registers only the one a command line names (picocli builds
 * the model of every registered command eagerly, which costs start-up time for nothing).
 */
@Command(
    name = "sextant",
    description = "Deploy containerised apps to your own servers over SSH (Kamal-compatible).",
    usageHelpAutoWidth = true)
public final class SextantCommand implements Runnable {
  /** Every top-level subcommand, in the order help lists them. Add new commands here. */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      VersionCommand.class, InitCommand.class, ConfigCommand.class, DocsCommand.class, HooksCommand.class, LockCommand.class,
      ServerCommand.class, AuditCommand.class, SecretsCommand.class, DeployCommands.Deploy.class,
      DeployCommands.Redeploy.class, DeployCommands.Rollback.class, DeployCommands.Setup.class, BuildCommand.class,
      AppCommand.class, TopLevelCommands.Details.class, TopLevelCommands.Remove.class, TopLevelCommands.Prune.class,
      ProxyCommand.class, RegistryCommand.class, AccessoryCommand.class, UpgradeCommand.class, AgentCommand.class,
      HelpCommand.class);

  /** The subcommands that (may) open SSH connections: {@link Main} warms the SSH layer up for them. */
  static final Set<Class<?>> CONNECTING = Set.of(
      LockCommand.class, ServerCommand.class, AuditCommand.class, DeployCommands.Deploy.class,
      DeployCommands.Redeploy.class, DeployCommands.Rollback.class, DeployCommands.Setup.class, BuildCommand.class,
      AppCommand.class, TopLevelCommands.Details.class, TopLevelCommands.Remove.class, TopLevelCommands.Prune.class,
      ProxyCommand.class, RegistryCommand.class, AccessoryCommand.class, UpgradeCommand.class);

  /** The names of the {@link #CONNECTING} commands, known without reading their annotations (a test pins them). */
  static final Set<String> CONNECTING_WORDS = Set.of("lock", "server", "audit", "deploy", "redeploy", "rollback",
      "setup", "build", "app", "details", "remove", "prune", "proxy", "registry", "accessory", "upgrade");

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

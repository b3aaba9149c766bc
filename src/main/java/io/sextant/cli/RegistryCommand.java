package io.sextant.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sextant registry}: log in to and out of the image registry, or run the local registry (Kamal's
 * {@code kamal registry}, https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/registry.rb).
 */
@Command(name = "registry", description = "Log in to and out of the image registry, or run the local registry.",
    subcommands = {RegistrySetupCommand.class, RegistryRemoveCommand.class, RegistryLoginCommand.class,
        RegistryLogoutCommand.class})
public final class RegistryCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Kamal's {@code -L}/{@code -R}, shared by the four subcommands. */
  static final class Scope {
    @Option(names = {"-L", "--skip-local", "--skip_local"}, description = "Skip the local part (this machine).")
    boolean skipLocal;

    @Option(names = {"-R", "--skip-remote", "--skip_remote"}, description = "Skip the remote part (the servers).")
    boolean skipRemote;
  }
}

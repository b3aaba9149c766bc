package io.sextant.cli;

import io.sextant.deploy.Preflight.Need;
import io.sextant.deploy.RegistryFlows;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sextant registry}: log in to and out of the image registry, or run the local registry (Kamal's
 * {@code kamal registry}, https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/registry.rb). Each
 * subcommand hands Kamal's {@code -L}/{@code -R} to {@link RegistryFlows}.
 */
@Command(name = "registry", description = "Log in to and out of the image registry, or run the local registry.",
    subcommands = {RegistryCommand.Setup.class, RegistryCommand.Remove.class, RegistryCommand.Login.class,
        RegistryCommand.Logout.class})
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

  /** A {@code registry} subcommand: one flow of {@link RegistryFlows} with the {@link Scope} given. */
  abstract static class Subcommand extends SessionCommand {
    @Mixin Scope scope;

    abstract void run(RegistryFlows flows, boolean skipLocal, boolean skipRemote);

    @Override
    protected final int run(CommandSession session) {
      run(new RegistryFlows(session), scope.skipLocal, scope.skipRemote);
      return 0;
    }
  }

  /** {@code registry setup}: the registry's secrets are checked before anything runs. */
  @Command(name = "setup",
      description = "Set up the local registry, or log in to the registry here and on the servers.")
  static final class Setup extends Subcommand {
    @Override
    protected Set<Need> needs() {
      return EnumSet.of(Need.REGISTRY);
    }

    @Override
    void run(RegistryFlows flows, boolean skipLocal, boolean skipRemote) {
      flows.setup(skipLocal, skipRemote);
    }
  }

  /** {@code registry login}: as {@link Setup}, refused with a local registry. */
  @Command(name = "login", description = "Log in to the registry here and on the servers.")
  static final class Login extends Subcommand {
    @Override
    protected Set<Need> needs() {
      return EnumSet.of(Need.REGISTRY);
    }

    @Override
    void run(RegistryFlows flows, boolean skipLocal, boolean skipRemote) {
      flows.login(skipLocal, skipRemote);
    }
  }

  /** {@code registry remove}. */
  @Command(name = "remove",
      description = "Remove the local registry, or log out of the registry here and on the servers.")
  static final class Remove extends Subcommand {
    @Override
    void run(RegistryFlows flows, boolean skipLocal, boolean skipRemote) {
      flows.remove(skipLocal, skipRemote);
    }
  }

  /** {@code registry logout}: as {@link Remove}, refused with a local registry. */
  @Command(name = "logout", description = "Log out of the registry here and on the servers.")
  static final class Logout extends Subcommand {
    @Override
    void run(RegistryFlows flows, boolean skipLocal, boolean skipRemote) {
      flows.logout(skipLocal, skipRemote);
    }
  }
}

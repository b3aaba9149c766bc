package io.sextant.cli;

import io.sextant.deploy.Preflight.Need;
import io.sextant.deploy.RegistryFlows;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code registry setup [-L] [-R]}: see {@link RegistryFlows#setup}. */
@Command(name = "setup",
    description = "Set up the local registry, or log in to the registry here and on the servers.")
final class RegistrySetupCommand extends SessionCommand {
  @Mixin RegistryCommand.Scope scope;

  @Override
  protected Set<Need> needs() {
    return EnumSet.of(Need.REGISTRY);
  }

  @Override
  protected int run(CommandSession session) {
    new RegistryFlows(session).setup(scope.skipLocal, scope.skipRemote);
    return 0;
  }
}

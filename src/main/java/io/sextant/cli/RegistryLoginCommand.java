package io.sextant.cli;

import io.sextant.deploy.Preflight.Need;
import io.sextant.deploy.RegistryFlows;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code registry login [-L] [-R]}: see {@link RegistryFlows#login}. */
@Command(name = "login", description = "Log in to the registry here and on the servers.")
final class RegistryLoginCommand extends SessionCommand {
  @Mixin RegistryCommand.Scope scope;

  @Override
  protected Set<Need> needs() {
    return EnumSet.of(Need.REGISTRY);
  }

  @Override
  protected int run(CommandSession session) {
    new RegistryFlows(session).login(scope.skipLocal, scope.skipRemote);
    return 0;
  }
}

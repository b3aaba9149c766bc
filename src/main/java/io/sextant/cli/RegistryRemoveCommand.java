package io.sextant.cli;

import io.sextant.deploy.RegistryFlows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code registry remove [-L] [-R]}: see {@link RegistryFlows#remove}. */
@Command(name = "remove",
    description = "Remove the local registry, or log out of the registry here and on the servers.")
final class RegistryRemoveCommand extends SessionCommand {
  @Mixin RegistryCommand.Scope scope;

  @Override
  protected int run(CommandSession session) {
    new RegistryFlows(session).remove(scope.skipLocal, scope.skipRemote);
    return 0;
  }
}

package io.sextant.cli;

import io.sextant.deploy.RegistryFlows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code registry logout [-L] [-R]}: see {@link RegistryFlows#logout}. */
@Command(name = "logout", description = "Log out of the registry here and on the servers.")
final class RegistryLogoutCommand extends SessionCommand {
  @Mixin RegistryCommand.Scope scope;

  @Override
  protected int run(CommandSession session) {
    new RegistryFlows(session).logout(scope.skipLocal, scope.skipRemote);
    return 0;
  }
}

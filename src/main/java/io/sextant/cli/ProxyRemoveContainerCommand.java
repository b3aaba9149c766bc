package io.sextant.cli;

import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;

/** {@code proxy remove_container}: the stopped kamal-proxy container removed (Kamal's hidden step of remove). */
@Command(name = "remove_container", aliases = "remove-container", hidden = true,
    description = "Remove the stopped kamal-proxy container from the servers.")
final class ProxyRemoveContainerCommand extends SessionCommand {
  @Override
  protected int run(CommandSession session) {
    audited(session, "Removed proxy container", () -> new ProxyFlows(session).removeContainer());
    return 0;
  }
}

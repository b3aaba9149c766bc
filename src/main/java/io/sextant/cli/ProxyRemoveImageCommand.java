package io.sextant.cli;

import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;

/** {@code proxy remove_image}: the unused kamal-proxy images removed (Kamal's hidden step of {@code remove}). */
@Command(name = "remove_image", aliases = "remove-image", hidden = true,
    description = "Remove the kamal-proxy image from the servers.")
final class ProxyRemoveImageCommand extends SessionCommand {
  @Override
  protected int run(CommandSession session) {
    audited(session, "Removed proxy image", () -> new ProxyFlows(session).removeImage());
    return 0;
  }
}

package io.sextant.cli;

import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code proxy remove [--force]}: the proxy container, image and directory removed once no app is left. */
@Command(name = "remove", description = "Remove the kamal-proxy container and image from the servers.")
final class ProxyRemoveCommand extends SessionCommand {
  @Option(names = "--force", description = "Remove the proxy even when apps are still installed.")
  boolean force;

  @Override
  protected int run(CommandSession session) {
    audited(session, "Removed proxy", () -> new ProxyFlows(session).remove(force));
    return 0;
  }
}

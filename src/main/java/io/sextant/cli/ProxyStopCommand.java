package io.sextant.cli;

import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;

/** {@code proxy stop}: the proxy container stopped; the apps behind it stop being served. */
@Command(name = "stop", description = "Stop the kamal-proxy container on the servers.")
final class ProxyStopCommand extends SessionCommand {
  @Override
  protected int run(CommandSession session) {
    audited(session, "Stopped proxy", () -> new ProxyFlows(session).stop());
    return 0;
  }
}

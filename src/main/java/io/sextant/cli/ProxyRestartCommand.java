package io.sextant.cli;

import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;

/** {@code proxy restart}: the proxy container stopped and started again, under one lock. */
@Command(name = "restart", description = "Restart the existing kamal-proxy container on the servers.")
final class ProxyRestartCommand extends SessionCommand {
  @Override
  protected int run(CommandSession session) {
    audited(session, "Restarted proxy", () -> new ProxyFlows(session).restart());
    return 0;
  }
}

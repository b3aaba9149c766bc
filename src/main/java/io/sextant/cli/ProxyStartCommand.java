package io.sextant.cli;

import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;

/** {@code proxy start}: the existing proxy container started. */
@Command(name = "start", description = "Start the existing kamal-proxy container on the servers.")
final class ProxyStartCommand extends SessionCommand {
  @Override
  protected int run(CommandSession session) {
    audited(session, "Started proxy", () -> new ProxyFlows(session).start());
    return 0;
  }
}

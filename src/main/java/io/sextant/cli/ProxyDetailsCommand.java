package io.sextant.cli;

import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;

/** {@code proxy details}: {@code docker ps} of the proxy container on every proxy host. */
@Command(name = "details", description = "Show details about the kamal-proxy container on the servers.")
final class ProxyDetailsCommand extends SessionCommand {
  @Override
  protected int run(CommandSession session) {
    ProxyFlows flows = new ProxyFlows(session);
    // -q leaves the host lines out here, as Kamal's (proxy.rb#L206), but not in proxy logs (proxy.rb#L231)
    flows.container().details(flows.proxyHosts()).forEach(result ->
        session.console().byHost("Proxy", result.host(), result.stdout().stripTrailing()));
    return 0;
  }
}

package io.sextant.cli;

import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;

/** {@code proxy boot}: kamal-proxy started (or run) on the proxy hosts, the {@code kamal} network everywhere. */
@Command(name = "boot", description = "Boot kamal-proxy on the servers (start it, or run it if there is none).")
final class ProxyBootCommand extends SessionCommand {
  @Override
  protected int run(CommandSession session) {
    audited(session, "Booted proxy", () -> new ProxyFlows(session).boot());
    return 0;
  }
}

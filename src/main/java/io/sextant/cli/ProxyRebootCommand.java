package io.sextant.cli;

import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;

/**
 * {@code proxy reboot [--rolling] [-y]}: the proxy container replaced by a new one (picking up a changed boot
 * config), between the {@code pre-proxy-reboot} and {@code post-proxy-reboot} hooks.
 */
@Command(name = "reboot",
    description = "Reboot kamal-proxy on the servers (stop, remove, run a new container).")
final class ProxyRebootCommand extends ProxyCommand.WithOutage {
  ProxyRebootCommand() {
    super("Rebooted proxy", (session, rolling) -> new ProxyFlows(session).reboot(rolling));
  }
}

package io.sextant.cli;

import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code proxy reboot [--rolling] [-y]}: the proxy container replaced by a new one (picking up a changed boot
 * config), between the {@code pre-proxy-reboot} and {@code post-proxy-reboot} hooks.
 */
@Command(name = "reboot",
    description = "Reboot kamal-proxy on the servers (stop, remove, run a new container).")
final class ProxyRebootCommand extends SessionCommand {
  @Option(names = "--rolling", description = "Reboot one host after the other, rather than all at once.")
  boolean rolling;

  @Option(names = {"-y", "--confirmed"}, description = "Proceed without the confirmation question.")
  boolean confirmed;

  @Override
  protected int run(CommandSession session) throws Exception {
    session.config(); // a configuration error is reported before the question
    if (!TopLevelCommands.confirming(session, confirmed,
        "This will cause a brief outage on each host. Are you sure?")) {
      return 0;
    }
    audited(session, "Rebooted proxy", () -> new ProxyFlows(session).reboot(rolling));
    return 0;
  }
}

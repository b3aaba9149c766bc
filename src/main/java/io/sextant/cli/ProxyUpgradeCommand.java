package io.sextant.cli;

import io.sextant.deploy.Preflight.Need;
import io.sextant.deploy.UpgradeFlows;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;

/**
 * {@code proxy upgrade [--rolling] [-y]} (hidden, as in Kamal): Traefik replaced by kamal-proxy and the app booted
 * again on the {@code kamal} network, between the {@code pre-proxy-reboot} and {@code post-proxy-reboot} hooks
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/proxy.rb#L134-L173).
 */
@Command(name = "upgrade", hidden = true, description = "Upgrade to kamal-proxy on the servers (remove Traefik, "
    + "boot kamal-proxy, reboot the app).")
final class ProxyUpgradeCommand extends ProxyCommand.WithOutage {
  ProxyUpgradeCommand() {
    super("Upgraded proxy", (session, rolling) -> new UpgradeFlows(session).proxyUpgrade(rolling));
  }

  @Override
  protected Set<Need> needs() {
    return EnumSet.of(Need.BOOT);
  }
}

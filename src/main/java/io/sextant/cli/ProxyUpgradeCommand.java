package io.sextant.cli;

import io.sextant.deploy.Preflight.Need;
import io.sextant.deploy.UpgradeFlows;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code proxy upgrade [--rolling] [-y]} (hidden, as in Kamal): Traefik replaced by kamal-proxy and the app booted
 * again on the {@code kamal} network, between the {@code pre-proxy-reboot} and {@code post-proxy-reboot} hooks
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/proxy.rb#L134-L173).
 */
@Command(name = "upgrade", hidden = true, description = "Upgrade to kamal-proxy on the servers (remove Traefik, "
    + "boot kamal-proxy, reboot the app).")
final class ProxyUpgradeCommand extends SessionCommand {
  @Option(names = "--rolling", description = "Upgrade one host after the other, rather than all at once.")
  boolean rolling;

  @Option(names = {"-y", "--confirmed"}, description = "Proceed without the confirmation question.")
  boolean confirmed;

  @Override
  protected Set<Need> needs() {
    return EnumSet.of(Need.BOOT);
  }

  @Override
  protected int run(CommandSession session) throws Exception {
    session.config(); // a configuration error is reported before the question
    if (!TopLevelCommands.confirming(session, confirmed,
        "This will cause a brief outage on each host. Are you sure?")) {
      return 0;
    }
    audited(session, "Upgraded proxy", () -> new UpgradeFlows(session).proxyUpgrade(rolling));
    return 0;
  }
}

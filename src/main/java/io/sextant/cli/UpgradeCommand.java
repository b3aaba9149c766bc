package io.sextant.cli;

import io.sextant.deploy.Preflight.Need;
import io.sextant.deploy.UpgradeFlows;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code upgrade [-y] [--rolling]}: a Kamal 1 installation moved to kamal-proxy and the {@code kamal} network
 * (Kamal's {@code kamal upgrade}, https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L200-L229).
 */
@Command(name = "upgrade", description = "Upgrade from Kamal 1.x to 2.0: replace Traefik with kamal-proxy, move "
    + "the app and the accessories to the kamal network.")
final class UpgradeCommand extends SessionCommand {
  @Option(names = {"-y", "--confirmed"}, description = "Proceed without the confirmation question.")
  boolean confirmed;

  @Option(names = "--rolling", description = "Upgrade one host at a time.")
  boolean rolling;

  @Override
  protected Set<Need> needs() {
    return EnumSet.of(Need.BOOT, Need.ACCESSORIES);
  }

  @Override
  protected int run(CommandSession session) throws Exception {
    session.config(); // a configuration error is reported before the question
    if (!TopLevelCommands.confirming(session, confirmed,
        "This will replace Traefik with kamal-proxy and restart all accessories")) {
      return 0;
    }
    audited(session, "Upgraded to kamal-proxy", () -> new UpgradeFlows(session).upgrade(rolling));
    return 0;
  }
}

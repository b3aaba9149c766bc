package io.sextant.cli;

import io.sextant.config.Accessory;
import io.sextant.deploy.AccessoryFlows;
import io.sextant.deploy.Preflight;
import io.sextant.deploy.UpgradeFlows;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code accessory upgrade NAME [--rolling] [-y]}: Kamal 1 accessories rebooted so that they join the {@code kamal}
 * network, under the deploy lock
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/accessory.rb#L284-L301).
 */
@Command(name = "upgrade", description = "Upgrade accessories from Kamal 1.x to 2.0 (restart them in the kamal "
    + "network; use NAME=all for every accessory).")
final class AccessoryUpgradeCommand extends AccessoryCommand.Named {
  @Option(names = "--rolling", description = "Upgrade one host at a time.")
  boolean rolling;

  @Option(names = {"-y", "--confirmed"}, description = "Proceed without the confirmation question.")
  boolean confirmed;

  @Override
  protected Set<Preflight.Need> needs() {
    return Set.of(Preflight.Need.ACCESSORIES);
  }

  @Override
  protected int run(CommandSession session) throws Exception {
    AccessoryFlows flows = new AccessoryFlows(session);
    List<Accessory> accessories = accessories(flows); // an unknown name is reported before the question
    if (!TopLevelCommands.confirming(session, confirmed, "This will restart all accessories")) {
      return 0;
    }
    audited(session, what("Upgraded"),
        () -> new UpgradeFlows(session).accessoryUpgrade(name, accessories, rolling));
    return 0;
  }
}

package io.sextant.cli;

import io.sextant.config.Accessory;
import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory details NAME}: {@code docker ps} of the accessory on each of its hosts ({@code all}: of each). */
@Command(name = "details", description = "Show details about accessory on host (use NAME=all to show all accessories).")
final class AccessoryDetailsCommand extends AccessoryCommand.Named {
  @Override
  protected int run(CommandSession session) {
    AccessoryFlows flows = new AccessoryFlows(session);
    for (Accessory accessory : accessories(flows)) {
      AccessoryCommand.printByHost(session, "Accessory " + accessory.name(), flows.details(accessory));
    }
    return 0;
  }
}

package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code accessory remove NAME [-y]}: container, image and data directory removed from the accessory's hosts. */
@Command(name = "remove", description = "Remove accessory container, image and data directory from host (use NAME=all to remove all accessories).")
final class AccessoryRemoveCommand extends AccessoryCommand.Named {
  @Option(names = {"-y", "--confirmed"}, description = "Proceed without confirmation question.")
  boolean confirmed;

  @Override
  protected int run(CommandSession session) throws Exception {
    AccessoryFlows flows = new AccessoryFlows(session);
    var accessories = accessories(flows);
    if (!TopLevelCommands.confirming(session, confirmed, "This will remove all containers, images and data "
        + "directories for " + name + ". Are you sure?")) {
      return 0;
    }
    audited(session, what("Removed"), () -> flows.remove(accessories));
    return 0;
  }
}

package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory directories NAME}: Create accessory directories on host (Kamal's, under the deploy lock). */
@Command(name = "directories", description = "Create accessory directories on host.", hidden = true)
final class AccessoryDirectoriesCommand extends AccessoryCommand.Named {
  @Override
  protected int run(CommandSession session) {
    AccessoryFlows flows = new AccessoryFlows(session);
    var accessories = accessories(flows);
    audited(session, what("Created directories of"), () -> flows.directories(accessories));
    return 0;
  }
}

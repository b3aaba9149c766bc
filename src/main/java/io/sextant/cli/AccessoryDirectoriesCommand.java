package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory directories NAME}: Create accessory directories on host (Kamal's, under the deploy lock). */
@Command(name = "directories", description = "Create accessory directories on host.", hidden = true)
final class AccessoryDirectoriesCommand extends AccessoryCommand.Modifying {
  AccessoryDirectoriesCommand() {
    super("Created directories of", AccessoryFlows::directories, false);
  }
}

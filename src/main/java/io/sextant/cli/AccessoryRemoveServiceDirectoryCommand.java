package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory remove_service_directory NAME}: Remove accessory directory used for uploaded files and data directories from host (Kamal's hidden step, under the deploy lock). */
@Command(name = "remove_service_directory", aliases = "remove-service-directory", description = "Remove accessory directory used for uploaded files and data directories from host.", hidden = true)
final class AccessoryRemoveServiceDirectoryCommand extends AccessoryCommand.Modifying {
  AccessoryRemoveServiceDirectoryCommand() {
    super("Removed service directory of", AccessoryFlows::removeServiceDirectory, false);
  }
}

package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory remove_container NAME}: Remove accessory container from host (Kamal's hidden step, under the deploy lock). */
@Command(name = "remove_container", aliases = "remove-container", description = "Remove accessory container from host.", hidden = true)
final class AccessoryRemoveContainerCommand extends AccessoryCommand.Modifying {
  AccessoryRemoveContainerCommand() {
    super("Removed container of", AccessoryFlows::removeContainer, false);
  }
}

package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory remove_image NAME}: Remove accessory image from host (Kamal's hidden step, under the deploy lock). */
@Command(name = "remove_image", aliases = "remove-image", description = "Remove accessory image from host.", hidden = true)
final class AccessoryRemoveImageCommand extends AccessoryCommand.Modifying {
  AccessoryRemoveImageCommand() {
    super("Removed image of", AccessoryFlows::removeImage, false);
  }
}

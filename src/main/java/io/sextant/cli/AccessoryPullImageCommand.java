package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory pull_image NAME}: Pull accessory image on host (Kamal's hidden step, under the deploy lock). */
@Command(name = "pull_image", aliases = "pull-image", description = "Pull accessory image on host.", hidden = true)
final class AccessoryPullImageCommand extends AccessoryCommand.Modifying {
  AccessoryPullImageCommand() {
    super("Pulled image of", AccessoryFlows::pullImage, false);
  }
}

package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory stop NAME}: Stop existing accessory container on host (Kamal's, under the deploy lock). */
@Command(name = "stop", description = "Stop existing accessory container on host.")
final class AccessoryStopCommand extends AccessoryCommand.Modifying {
  AccessoryStopCommand() {
    super("Stopped", AccessoryFlows::stop, false);
  }
}

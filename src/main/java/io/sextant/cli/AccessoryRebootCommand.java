package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory reboot NAME}: Reboot existing accessory on host (stop container, remove container, start new container; use NAME=all to boot all accessories) (Kamal's, under the deploy lock). */
@Command(name = "reboot", description = "Reboot existing accessory on host (stop container, remove container, start new container; use NAME=all to boot all accessories).")
final class AccessoryRebootCommand extends AccessoryCommand.Modifying {
  AccessoryRebootCommand() {
    super("Rebooted", AccessoryFlows::reboot, true);
  }
}

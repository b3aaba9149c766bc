package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory restart NAME}: Restart existing accessory container on host (Kamal's, under the deploy lock). */
@Command(name = "restart", description = "Restart existing accessory container on host.")
final class AccessoryRestartCommand extends AccessoryCommand.Modifying {
  AccessoryRestartCommand() {
    super("Restarted", AccessoryFlows::restart, false);
  }
}

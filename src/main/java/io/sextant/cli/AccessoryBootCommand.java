package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory boot NAME}: Boot new accessory service on host (use NAME=all to boot all accessories) (Kamal's, under the deploy lock). */
@Command(name = "boot", description = "Boot new accessory service on host (use NAME=all to boot all accessories).")
final class AccessoryBootCommand extends AccessoryCommand.Modifying {
  AccessoryBootCommand() {
    super("Booted", AccessoryFlows::boot, true);
  }
}

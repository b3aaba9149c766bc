package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory start NAME}: Start existing accessory container on host (Kamal's, under the deploy lock). */
@Command(name = "start", description = "Start existing accessory container on host.")
final class AccessoryStartCommand extends AccessoryCommand.Modifying {
  AccessoryStartCommand() {
    super("Started", AccessoryFlows::start, false);
  }
}

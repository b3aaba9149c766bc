package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory stop NAME}: Stop existing accessory container on host (Kamal's, under the deploy lock). */
@Command(name = "stop", description = "Stop existing accessory container on host.")
final class AccessoryStopCommand extends AccessoryCommand.Named {
  @Override
  protected int run(CommandSession session) {
    AccessoryFlows flows = new AccessoryFlows(session);
    var accessories = accessories(flows);
    audited(session, what("Stopped"), () -> flows.stop(accessories));
    return 0;
  }
}

package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory start NAME}: Start existing accessory container on host (Kamal's, under the deploy lock). */
@Command(name = "start", description = "Start existing accessory container on host.")
final class AccessoryStartCommand extends AccessoryCommand.Named {
  @Override
  protected int run(CommandSession session) {
    AccessoryFlows flows = new AccessoryFlows(session);
    var accessories = accessories(flows);
    audited(session, what("Started"), () -> flows.start(accessories));
    return 0;
  }
}

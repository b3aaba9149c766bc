package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import io.sextant.deploy.Preflight;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code accessory reboot NAME}: Reboot existing accessory on host (stop container, remove container, start new container; use NAME=all to boot all accessories) (Kamal's, under the deploy lock). */
@Command(name = "reboot", description = "Reboot existing accessory on host (stop container, remove container, start new container; use NAME=all to boot all accessories).")
final class AccessoryRebootCommand extends AccessoryCommand.Named {
  @Override
  protected Set<Preflight.Need> needs() {
    return Set.of(Preflight.Need.ACCESSORIES);
  }

  @Override
  protected int run(CommandSession session) {
    AccessoryFlows flows = new AccessoryFlows(session);
    var accessories = accessories(flows);
    audited(session, what("Rebooted"), () -> flows.reboot(accessories));
    return 0;
  }
}

package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import io.sextant.deploy.Preflight;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code accessory boot NAME}: Boot new accessory service on host (use NAME=all to boot all accessories) (Kamal's, under the deploy lock). */
@Command(name = "boot", description = "Boot new accessory service on host (use NAME=all to boot all accessories).")
final class AccessoryBootCommand extends AccessoryCommand.Named {
  @Override
  protected Set<Preflight.Need> needs() {
    return Set.of(Preflight.Need.ACCESSORIES);
  }

  @Override
  protected int run(CommandSession session) {
    AccessoryFlows flows = new AccessoryFlows(session);
    var accessories = accessories(flows);
    audited(session, what("Booted"), () -> flows.boot(accessories));
    return 0;
  }
}

package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import io.sextant.deploy.Preflight;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code accessory upload NAME}: Upload accessory files to host (Kamal's, under the deploy lock). */
@Command(name = "upload", description = "Upload accessory files to host.", hidden = true)
final class AccessoryUploadCommand extends AccessoryCommand.Named {
  @Override
  protected Set<Preflight.Need> needs() {
    return Set.of(Preflight.Need.ACCESSORIES);
  }

  @Override
  protected int run(CommandSession session) {
    AccessoryFlows flows = new AccessoryFlows(session);
    var accessories = accessories(flows);
    audited(session, what("Uploaded files of"), () -> flows.upload(accessories));
    return 0;
  }
}

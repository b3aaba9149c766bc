package io.sextant.cli;

import io.sextant.deploy.AccessoryFlows;
import picocli.CommandLine.Command;

/** {@code accessory upload NAME}: Upload accessory files to host (Kamal's, under the deploy lock). */
@Command(name = "upload", description = "Upload accessory files to host.", hidden = true)
final class AccessoryUploadCommand extends AccessoryCommand.Modifying {
  AccessoryUploadCommand() {
    super("Uploaded files of", AccessoryFlows::upload, true);
  }
}

package io.sextant.cli;

import picocli.CommandLine.Command;

/**
 * {@code app remove_images}: the app's unused images removed, on the hosts none of whose roles stays (Kamal's
 * hidden command).
 */
@Command(name = "remove_images", aliases = "remove-images", hidden = true,
    description = "Remove all app images from the servers.")
final class AppRemoveImagesCommand extends AppSubcommand {
  @Override
  protected int run(CommandSession session) {
    audited(session, "Removed all app images", () -> session.lock().withLock(
        () -> onHostsRemovingAllRoles(session, "app remove_images", (role, app) -> app.removeImages())));
    return 0;
  }
}

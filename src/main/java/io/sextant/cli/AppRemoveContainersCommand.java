package io.sextant.cli;

import io.sextant.commands.AppCommands;
import picocli.CommandLine.Command;

/** {@code app remove_containers}: every stopped container of the selected roles removed (Kamal's hidden command). */
@Command(name = "remove_containers", aliases = "remove-containers", hidden = true,
    description = "Remove all app containers from the servers.")
final class AppRemoveContainersCommand extends AppSubcommand {
  @Override
  protected int run(CommandSession session) {
    audited(session, "Removed all app containers", () -> session.lock().withLock(
        () -> onAppHosts(session, "app remove_containers", AppCommands::removeContainers)));
    return 0;
  }
}

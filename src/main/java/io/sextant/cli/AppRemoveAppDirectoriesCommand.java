package io.sextant.cli;

import io.sextant.commands.AppCommands;
import io.sextant.commands.AppProxyCommands;
import io.sextant.config.DeployConfig;
import io.sextant.config.Role;
import picocli.CommandLine.Command;

/**
 * {@code app remove_app_directories}: the app's directory and its kamal-proxy config directory removed, on the hosts
 * none of whose roles stays (Kamal's hidden command). Either may be gone already: not an error, as in Kamal.
 */
@Command(name = "remove_app_directories", aliases = "remove-app-directories", hidden = true,
    description = "Remove the app directories from the servers.")
final class AppRemoveAppDirectoriesCommand extends AppSubcommand {
  @Override
  protected int run(CommandSession session) {
    DeployConfig config = session.config();
    String directory = AppCommands.of(config, config.roles().get(0), session.version()).appDirectory();
    audited(session, "Removed " + directory, () -> session.lock().withLock(
        () -> onHostsRemovingAllRoles(session, "app remove_app_directories",
            (role, app) -> removeDirectories(session, role, app))));
    return 0;
  }

  /** Both directories removed; either may be missing (the line's status is then still 0). */
  static String removeDirectories(CommandSession session, Role role, AppCommands app) {
    return app.removeAppDirectories(AppProxyCommands.of(session.config(), role, session.version()));
  }
}

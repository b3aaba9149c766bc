package io.sextant.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code app remove_container VERSION}: the stopped app containers of one version removed (Kamal's hidden command). */
@Command(name = "remove_container", aliases = "remove-container", hidden = true,
    description = "Remove the app container of the given version from the servers.")
final class AppRemoveContainerCommand extends AppSubcommand {
  @Parameters(paramLabel = "VERSION", description = "The version whose container goes.")
  String version;

  @Override
  protected int run(CommandSession session) {
    audited(session, "Removed app container with version " + version, () -> session.lock().withLock(
        () -> onAppHosts(session, "app remove_container", app -> app.removeContainer(version))));
    return 0;
  }
}

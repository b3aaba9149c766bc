package io.sextant.cli;

import io.sextant.commands.AppCommands;
import io.sextant.config.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code app logs}: the running container's logs on every host ({@code -f}: follow them on the primary host), as
 * Kamal's (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L197-L241).
 */
@Command(name = "logs", description = "Show the app's logs (-f follows them on the primary host).")
final class AppLogsCommand extends AppSubcommand {
  @Mixin LogOptions log;

  @Option(names = {"--grep-options", "--grep_options"}, description = "Extra grep options (e.g. \"-i\").")
  String grepOptions;

  @Option(names = {"--container-id", "--container_id"}, paramLabel = "ID",
      description = "The logs of this container instead of the running one.")
  String containerId;

  @Override
  protected int run(CommandSession session) throws Exception {
    // Kamal: 10 lines when following, 100 otherwise, all of them once --since or --grep narrows the logs.
    Integer count = log.count(log.follow ? 10 : 100);
    boolean timestamps = !log.skipTimestamps;
    if (log.follow) {
      String host = session.selection().appHosts().get(0);
      Role role = firstRole(session, host);
      String command = AppCommands.of(session.config(), role, session.version())
          .followLogs(containerId, timestamps, count, log.grep, grepOptions);
      session.console().info("Following logs on " + host + "...");
      session.hooks().preConnectOnce(session.hookContext());
      return AppInspection.interactiveSsh(session, host, command);
    }
    // A role with nothing to show (grep found nothing, no running container) is not a failure (as Kamal).
    printByHost(session, onAppHosts(session, "app logs", app -> "{ "
        + app.logs(containerId, timestamps, log.since, count, log.grep, grepOptions) + " || echo 'Nothing found'; }"));
    return 0;
  }
}

package io.sextant.cli;

import io.sextant.commands.ProxyCommands;
import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code proxy logs}: the proxy's log lines from every proxy host ({@code -f}: followed on the primary host). */
@Command(name = "logs", description = "Show log lines from kamal-proxy on the servers (-f follows the primary host).")
final class ProxyLogsCommand extends SessionCommand {
  @Option(names = {"-s", "--since"}, description = "Only since this time (e.g. 2013-01-02T13:23:37Z, or 42m).")
  String since;

  @Option(names = {"-n", "--lines"}, description = "Number of lines from each server (default: 100 unless -s or -g).")
  Integer lines;

  @Option(names = {"-g", "--grep"}, description = "Only lines matching this pattern.")
  String grep;

  @Option(names = {"-f", "--follow"}, description = "Follow the logs on the primary host (or the one set by -h).")
  boolean follow;

  @Option(names = {"-T", "--skip-timestamps", "--skip_timestamps"}, description = "Leave out the timestamps.")
  boolean skipTimestamps;

  @Override
  protected int run(CommandSession session) throws Exception {
    boolean timestamps = !skipTimestamps;
    if (follow) {
      String host = session.hosts().get(0);
      String command = ProxyCommands.of(session.config(), host).followLogs(timestamps, grep, null);
      session.console().info("Following logs on " + host + "...");
      session.console().info(command);
      session.hooks().preConnectOnce(session.hookContext());
      return AppInspection.interactiveSsh(session, host, command);
    }
    // As Kamal: 100 lines unless --since or --grep narrows the logs
    Integer count = lines != null ? lines : since != null || grep != null ? null : Integer.valueOf(100);
    ProxyFlows flows = new ProxyFlows(session);
    ProxyCommand.printByHost(session, flows.container().logs(flows.proxyHosts(), timestamps, since, count, grep));
    return 0;
  }
}

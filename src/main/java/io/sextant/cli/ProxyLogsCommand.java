package io.sextant.cli;

import io.sextant.commands.ProxyCommands;
import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code proxy logs}: the proxy's log lines from every proxy host ({@code -f}: followed on the primary host). */
@Command(name = "logs", description = "Show log lines from kamal-proxy on the servers (-f follows the primary host).")
final class ProxyLogsCommand extends SessionCommand {
  @Mixin LogOptions log;

  @Override
  protected int run(CommandSession session) throws Exception {
    boolean timestamps = !log.skipTimestamps;
    if (log.follow) {
      String host = session.hosts().get(0);
      String command = ProxyCommands.of(session.config(), host).followLogs(timestamps, log.grep, null);
      session.console().info("Following logs on " + host + "...");
      session.console().info(command);
      session.hooks().preConnectOnce(session.hookContext());
      return AppInspection.interactiveSsh(session, host, command);
    }
    Integer count = log.count(100);
    ProxyFlows flows = new ProxyFlows(session);
    ProxyCommand.printByHost(session, flows.container().logs(flows.proxyHosts(), timestamps, log.since, count, log.grep));
    return 0;
  }
}

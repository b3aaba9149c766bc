package io.sextant.cli;

import io.sextant.commands.AccessoryCommands;
import io.sextant.config.Accessory;
import io.sextant.deploy.AccessoryFlows;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code accessory logs NAME}: the accessory's log lines from its hosts ({@code -f}: followed on the first one). */
@Command(name = "logs", description = "Show log lines from accessory on host (-f follows the first host).")
final class AccessoryLogsCommand extends AccessoryCommand.Named {
  @Mixin LogOptions log = new LogOptions();

  @Option(names = {"--grep-options", "--grep_options"}, description = "More options for grep (e.g. '-C 2').")
  String grepOptions;

  @Override
  protected int run(CommandSession session) throws Exception {
    AccessoryFlows flows = new AccessoryFlows(session);
    Accessory accessory = single(flows);
    AccessoryCommands commands = flows.commands(accessory);
    boolean timestamps = !log.skipTimestamps;
    List<String> hosts = flows.hosts(accessory);
    if (hosts.isEmpty()) {
      return 0;
    }
    if (log.follow) {
      String command = commands.followLogs(timestamps, log.grep, grepOptions);
      session.console().info("Following logs on " + hosts + "...");
      session.console().info(command);
      session.hooks().preConnectOnce(session.hookContext());
      return AppInspection.interactiveSsh(session, hosts.get(0), command);
    }
    Integer count = log.count(100);
    String grep = log.grep;
    List<RemoteResult> results = session.ssh().runAll(hosts,
        host -> commands.logs(timestamps, log.since, count, grep, grepOptions));
    // With a pattern, exit status 1 is grep's: no line matched on that host
    List<RemoteResult> failed = results.stream()
        .filter(result -> !result.ok() && !(grep != null && result.exitCode() == 1)).toList();
    if (!failed.isEmpty()) {
      throw new RemoteException("accessory logs", failed);
    }
    results.forEach(result -> session.console().result(result.stdout().stripTrailing()));
    return 0;
  }

  private Accessory single(AccessoryFlows flows) {
    if (name.equals("all")) {
      throw new io.sextant.SextantException("accessory logs takes one accessory's name, not all",
          io.sextant.SextantException.USAGE_OR_CONFIG);
    }
    return accessories(flows).get(0);
  }
}

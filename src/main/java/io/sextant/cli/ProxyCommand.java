package io.sextant.cli;

import io.sextant.ssh.RemoteResult;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code sextant proxy}: the kamal-proxy container on the servers (Kamal's {@code kamal proxy}). */
@Command(name = "proxy", description = "Manage kamal-proxy on the servers.",
    subcommands = {ProxyBootCommand.class, ProxyRebootCommand.class, ProxyStartCommand.class,
        ProxyStopCommand.class, ProxyRestartCommand.class, ProxyDetailsCommand.class, ProxyLogsCommand.class,
        ProxyRemoveCommand.class, ProxyBootConfigCommand.class, ProxyUpgradeCommand.class})
public final class ProxyCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints each host's output under {@code Proxy Host: <host>}, as Kamal's {@code puts_by_host}. */
  static void printByHost(CommandSession session, List<RemoteResult> results) {
    for (RemoteResult result : results) {
      session.console().result("Proxy Host: " + result.host());
      session.console().result(result.stdout().stripTrailing());
      session.console().result("");
    }
  }
}

package io.sextant.cli;

import io.sextant.ssh.RemoteResult;
import java.util.List;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sextant proxy}: the kamal-proxy container on the servers (Kamal's {@code kamal proxy}). */
@Command(name = "proxy", description = "Manage kamal-proxy on the servers.",
    subcommands = {ProxyBootCommand.class, ProxyRebootCommand.class, ProxyStartCommand.class,
        ProxyStopCommand.class, ProxyRestartCommand.class, ProxyDetailsCommand.class, ProxyLogsCommand.class,
        ProxyRemoveCommand.class, ProxyBootConfigCommand.class, ProxyUpgradeCommand.class,
        ProxyRemoveContainerCommand.class, ProxyRemoveImageCommand.class, ProxyRemoveProxyDirectoryCommand.class})
public final class ProxyCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code proxy reboot} and {@code proxy upgrade}: Kamal's question about the outage (unless {@code -y}), then the
   * flow, all hosts at once or one at a time ({@code --rolling}), recorded in the audit log.
   */
  abstract static class WithOutage extends SessionCommand {
    @Option(names = "--rolling", description = "One host after the other, rather than all at once.")
    boolean rolling;

    @Option(names = {"-y", "--confirmed"}, description = "Proceed without the confirmation question.")
    boolean confirmed;

    private final String did;
    private final BiConsumer<CommandSession, Boolean> flow;

    /** @param did the audit line; @param flow the flow, given the session and {@code --rolling} */
    WithOutage(String did, BiConsumer<CommandSession, Boolean> flow) {
      this.did = did;
      this.flow = flow;
    }

    @Override
    protected int run(CommandSession session) throws Exception {
      session.config(); // a configuration error is reported before the question
      if (TopLevelCommands.confirming(session, confirmed,
          "This will cause a brief outage on each host. Are you sure?")) {
        audited(session, did, () -> flow.accept(session, rolling));
      }
      return 0;
    }
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

package io.sextant.cli;

import io.sextant.commands.AuditCommands;
import io.sextant.ssh.RemoteResult;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sextant server}: commands on the servers themselves. */
@Command(name = "server", description = "Run commands on the servers.",
    subcommands = {ServerCommand.Exec.class, ServerCommand.Bootstrap.class})
public final class ServerCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code server bootstrap}: Docker checked on every host, then the {@code docker-setup} hook
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/server.rb#L38-L69).
   */
  @Command(name = "bootstrap", description = "Check Docker on the servers, then run the docker-setup hook.")
  public static final class Bootstrap extends SessionCommand {
    @Override
    protected int run(CommandSession session) {
      audited(session, "Bootstrapped the servers", () -> new io.sextant.deploy.Deployer(session).serverBootstrap());
      return 0;
    }
  }

  /** {@code server exec CMD}: runs CMD on every selected host in parallel, output per host. */
  @Command(name = "exec", description = "Run a command on every selected host (in parallel).")
  public static final class Exec extends SessionCommand implements PassThroughOptions.Command {
    @Option(names = {"-i", "--interactive"}, description = "Run interactively (TTY) on the primary host only.")
    boolean interactive;

    @Option(names = "--raw", description = "Print each host's standard output unmodified, without the host lines.")
    boolean raw;

    @Parameters(arity = "1..*", paramLabel = "CMD",
        description = "The command (its words are joined by spaces; words after -- are never options).")
    List<String> words;

    @Override
    protected int run(CommandSession session) throws Exception {
      // Kamal's join_commands: the words stripped, joined by spaces, for the remote shell to split again
      String command = String.join(" ", words.stream().map(String::strip).toList());
      if (raw && interactive) { // as Kamal (lib/kamal/cli/server.rb:8-10), before the configuration is read
        throw new io.sextant.SextantException("server exec: --raw is not compatible with --interactive",
            io.sextant.SextantException.USAGE_OR_CONFIG);
      }
      if (interactive) {
        session.redactSecrets(); // the command line itself is printed and recorded in the audit log
        return interactive(session, command);
      }
      List<String> hosts = session.hosts();
      session.connectEarly(hosts); // while the secrets are read
      session.redactSecrets();
      if (!raw) { // --raw: the output alone, as Kamal's with_raw_output (lib/kamal/cli/base.rb:100)
        session.console().info("Running '" + command + "' on " + String.join(", ", hosts) + "...");
      }
      // The audit line rides in the same round trip as the command: one exec per host, and an unreachable host is
      // reported for the command, not for the audit.
      String withAudit = AuditCommands.recordedAhead(auditRecord(session, "Executed commands " + command), command);
      List<RemoteResult> results = session.ssh().runAll(hosts, host -> withAudit);
      List<RemoteResult> failed = new ArrayList<>();
      for (RemoteResult result : results) {
        if (raw) {
          session.console().raw(result.stdout());
          if (!result.ok()) {
            failed.add(result);
          }
          continue;
        }
        session.console().byHost("App", result.host(), (result.stdout() + result.stderr()).stripTrailing());
        if (!result.ok()) {
          failed.add(result);
        }
      }
      if (!failed.isEmpty()) {
        throw new io.sextant.ssh.RemoteException("server exec", failed);
      }
      return 0;
    }

    private int interactive(CommandSession session, String command) throws Exception {
      String host = session.hosts().get(0);
      session.hooks().preConnectOnce(session.hookContext());
      session.console().info("Running '" + command + "' on " + host + " interactively...");
      return AppInspection.interactiveSsh(session, host, command);
    }
  }
}

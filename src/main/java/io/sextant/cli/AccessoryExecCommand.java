package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.commands.AccessoryCommands;
import io.sextant.commands.AuditCommands;
import io.sextant.config.Accessory;
import io.sextant.deploy.AccessoryFlows;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code accessory exec NAME CMD...}: a command in a new container of the accessory's image on each of its hosts
 * ({@code --reuse}: in the running container; {@code -i}: interactively on the first host over {@code ssh -t}). The
 * command words are joined with spaces into shell text, as Kamal does.
 */
@Command(name = "exec", description = "Execute a custom command on servers within the accessory container.")
final class AccessoryExecCommand extends AccessoryCommand.Named {
  @Option(names = {"-i", "--interactive"}, description = "Execute command over ssh for an interactive shell.")
  boolean interactive;

  @Option(names = "--reuse", description = "Reuse currently running container instead of starting a new one.")
  boolean reuse;

  @Option(names = "--raw", description = "Output raw, unmodified stdout.")
  boolean raw;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
  List<String> command;

  @Override
  protected int run(CommandSession session) throws Exception {
    if (raw && interactive) {
      throw new SextantException("Raw is not compatible with interactive", SextantException.USAGE_OR_CONFIG);
    }
    AccessoryFlows flows = new AccessoryFlows(session);
    Accessory accessory = accessories(flows).get(0);
    if (name.equals("all")) {
      throw new SextantException("accessory exec takes one accessory's name, not all",
          SextantException.USAGE_OR_CONFIG);
    }
    AccessoryCommands commands = flows.commands(accessory);
    String text = String.join(" ", command.stream().map(String::strip).toList());
    List<String> hosts = flows.hosts(accessory);
    if (interactive) {
      String tty = io.sextant.invocation.Invocation.current().terminal() ? "-it" : "-i";
      String host = accessory.hosts().get(0);
      session.hooks().preConnectOnce(session.hookContext());
      if (reuse) {
        session.console().info("Launching interactive command via SSH from existing container...");
        return AppInspection.interactiveSsh(session, host, commands.executeInExistingContainer(text, tty));
      }
      session.console().info("Launching interactive command via SSH from new container...");
      flows.loginTo(List.of(host), registry(session, accessory));
      return AppInspection.interactiveSsh(session, host, commands.executeInNewContainer(text, tty));
    }
    if (hosts.isEmpty()) {
      return 0;
    }
    session.console().info(reuse ? "Launching command from existing container..."
        : "Launching command from new container...");
    if (!reuse) {
      flows.loginTo(hosts, registry(session, accessory));
    }
    String record = auditRecord(session, "Executed cmd '" + text + "' on " + name + " accessory");
    String line = reuse ? commands.executeInExistingContainer(text, null) : commands.executeInNewContainer(text, null);
    List<RemoteResult> results = session.ssh().runAll(hosts, host -> AuditCommands.recordedAhead(record,
        line + (raw ? "" : " 2>&1")));
    for (RemoteResult result : results) {
      if (raw) {
        session.console().raw(result.stdout());
      } else {
        AccessoryCommand.printByHost(session, "App", List.of(result));
      }
    }
    List<RemoteResult> failed = results.stream().filter(result -> !result.ok()).toList();
    if (!failed.isEmpty()) {
      throw new RemoteException("accessory exec", failed);
    }
    return 0;
  }

  private static io.sextant.config.RegistryConfig registry(CommandSession session, Accessory accessory) {
    return accessory.registry() != null ? accessory.registry() : session.config().registry();
  }
}

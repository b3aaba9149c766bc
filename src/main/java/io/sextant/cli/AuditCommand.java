package io.sextant.cli;

import io.sextant.commands.AuditCommands;
import io.sextant.ssh.RemoteResult;
import picocli.CommandLine.Command;

/** {@code sextant audit}: the last lines of the remote audit log of every selected host. */
@Command(name = "audit", description = "Show the audit log of every selected host.")
public final class AuditCommand extends SessionCommand {
  @Override
  protected int run(CommandSession session) {
    AuditCommands audit = new AuditCommands(session.config().serviceAndDestination());
    for (RemoteResult result : session.ssh().runAllOrThrow("audit", session.hosts(), host -> audit.reveal(50))) {
      session.console().byHost("App", result.host(), result.stdout().stripTrailing());
    }
    return 0;
  }
}

package io.sextant.cli;

import io.sextant.commands.AuditCommands;
import io.sextant.deploy.Preflight;
import io.sextant.invocation.Invocation;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A command that works with the project's configuration (and usually its hosts): it gets a {@link CommandSession}
 * named after its command words, so hooks see {@code KAMAL_COMMAND}/{@code KAMAL_SUBCOMMAND} right.
 */
public abstract class SessionCommand extends BaseCommand {
  @Override
  protected final int execute() throws Exception {
    List<String> words = List.of(spec.qualifiedName(" ").split(" "));
    String command = words.size() > 1 ? words.get(1) : words.get(0);
    String subcommand = words.size() > 2 ? words.get(2) : null;
    Invocation invocation = Invocation.current();
    try (CommandSession session =
        new CommandSession(global(), console(), command, subcommand, invocation.workingDir(),
            invocation.environment(), needs())) {
      return run(session);
    }
  }

  /**
   * What this command will do, checked against the configuration as soon as it loads ({@link Preflight}); none
   * by default.
   */
  protected Set<Preflight.Need> needs() {
    return Set.of();
  }

  /** Runs the command in its session; returns the exit code. */
  protected abstract int run(CommandSession session) throws Exception;

  /**
   * Runs a modifying command's {@code action}, then records it in the remote audit log of the selected hosts with
   * the summary of the hooks that ran (B7), whether it succeeded or failed. Recording is best effort: a host that
   * cannot be reached does not hide the command's own outcome.
   */
  protected static void audited(CommandSession session, String what, Runnable action) {
    session.hooks().checkRunnable();
    String outcome = "failed";
    try {
      action.run();
      outcome = "done";
    } finally {
      // Without a successful pre-connect nothing reached the hosts, and connecting now would run pre-connect again
      if (session.hooks().connected()) {
        recordAudit(session, what, outcome);
      }
    }
  }

  /** Best effort: a host that cannot be reached does not hide the command's own outcome. */
  private static void recordAudit(CommandSession session, String what, String outcome) {
    try {
      String hooks = session.hooks().auditSummary();
      String message = what + " (" + outcome + ")" + (hooks == null ? "" : "; " + hooks);
      AuditCommands audit = new AuditCommands(session.config().serviceAndDestination());
      session.redactSecrets();
      String line = session.console().redacted(AuditCommands.line(Instant.now(),
          session.hookContext().performer(), session.config().destination(), message));
      // a host the command could not reach is not waited for again: its failure is already the outcome
      session.ssh().runAll(session.ssh().notFailedToConnect(session.hosts()), host -> audit.record(line));
    } catch (RuntimeException e) {
      session.console().debug("Could not record the audit line: " + e.getMessage());
    }
  }

  /** Appends a line to the remote audit log on {@code hosts} (Kamal records every modifying command there). */
  protected static void audit(CommandSession session, List<String> hosts, String message) {
    String record = auditRecord(session, message);
    session.ssh().runAllOrThrow("audit", hosts, host -> record);
  }

  /**
   * The remote command that appends {@code message} to the audit log, to run ahead of a command in the same round
   * trip ({@link AuditCommands#recordedAhead}).
   */
  protected static String auditRecord(CommandSession session, String message) {
    AuditCommands audit = new AuditCommands(session.config().serviceAndDestination());
    session.redactSecrets(); // before the line is built: it may quote a command that names a secret
    String line = session.console().redacted(AuditCommands.line(Instant.now(),
        session.hookContext().performer(), session.config().destination(), message));
    return audit.record(line);
  }

}

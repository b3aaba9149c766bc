package io.sextant.commands;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The remote audit log, Kamal's place and shape: {@code .kamal/<service>[-<destination>]-audit.log} on each host,
 * one line per modifying command: {@code [recorded at] [performer] [destination] message}.
 */
public final class AuditCommands {
  private final String logFile;

  /** @param serviceAndDestination {@code <service>} or {@code <service>-<destination>} */
  public AuditCommands(String serviceAndDestination) {
    this.logFile = ".kamal/" + serviceAndDestination + "-audit.log";
  }

  public String logFile() {
    return logFile;
  }

  /** The line as recorded (pure, for tests); {@code destination} may be null. */
  public static String line(Instant at, String performer, String destination, String message) {
    String oneLine = message.replace('\n', ' ').replace('\r', ' ');
    return "[" + at.truncatedTo(ChronoUnit.SECONDS) + "] [" + performer + "]"
        + (destination == null ? "" : " [" + destination + "]") + " " + oneLine;
  }

  /** Appends {@code line} (already redacted by the caller) to the log, creating {@code .kamal} if needed. */
  public String record(String line) {
    return "mkdir -p .kamal && printf '%s\\n' " + Shell.quote(line) + " >> " + Shell.quote(logFile);
  }

  /**
   * {@code record} ({@link #record}) ahead of {@code command} in the same exec: its outcome and stderr never change
   * the command's.
   */
  public static String recordedAhead(String record, String command) {
    return "{ " + record + "; } 2>/dev/null ; " + command;
  }

  /** The last {@code lines} lines of the log (nothing, successfully, when there is no log yet). */
  public String reveal(int lines) {
    return Shell.join(List.of("tail", "-n", Integer.toString(lines), logFile)) + " 2>/dev/null || true";
  }
}

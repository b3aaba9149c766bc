package io.sextant.ssh;

/**
 * Where a command's remote execs go when a warm Sextant agent holds the SSH sessions (issue 20): the command
 * line, its stdin and the output lines cross a local socket, the agent runs them on a session it keeps open.
 * {@link SshHosts} uses it for every exec while it answers and runs in-process once it does not.
 */
public interface WarmSessions {
  /**
   * Runs {@code command} on {@code host} through the agent, as {@link SshHosts#run(String, String, byte[],
   * OutputListener)} would.
   *
   * @throws Unavailable when the agent could not take the command (nothing was sent to a host): run it in-process
   * @throws ConnectionException when the host cannot be reached
   * @throws Lost when the agent stopped while the command ran (its outcome on the host is unknown)
   */
  RemoteResult run(SshSettings settings, String host, String command, byte[] stdin, OutputListener lines);

  /** The agent cannot take commands (not running, stale, foreign or hung); the command was not sent anywhere. */
  final class Unavailable extends RuntimeException {
    public Unavailable(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The agent stopped while a command ran: the command may or may not have run on the host. */
  final class Lost extends RuntimeException {
    public Lost(String reason) {
      super(reason, null, false, false);
    }
  }
}

package io.sextant.ssh;

import java.util.Objects;

/**
 * What one command did on one host.
 *
 * @param host the host as it was named (e.g. {@code 10.0.0.1} or {@code web1:2222})
 * @param exitCode the command's exit status; {@link #NOT_RUN} when the host could not be reached or the
 *     connection was lost (then {@code stderr} holds the reason); {@code 128 + n} when killed by signal n
 * @param stdout everything the command wrote to stdout (UTF-8)
 * @param stderr everything it wrote to stderr (UTF-8), or the connection error
 */
public record RemoteResult(String host, int exitCode, String stdout, String stderr) {
  /** Exit code of a command that never ran (host unreachable, auth refused, host key changed). */
  public static final int NOT_RUN = -1;

  public RemoteResult {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  public boolean ok() {
    return exitCode == 0;
  }

  /** The last non-blank line of stderr (else of stdout), for one-line error reports; empty if none. */
  public String lastErrorLine() {
    String line = lastLine(stderr);
    return line.isEmpty() ? lastLine(stdout) : line;
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\r?\n");
    return lines.length == 0 ? "" : lines[lines.length - 1].strip();
  }
}

package io.sextant.ssh;

import io.sextant.SextantException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A remote step failed on one or more hosts. The message has one line per failed host:
 * {@code <host>: <step> failed (exit <code>): <last stderr line>} or
 * {@code <host>: <step> could not run: <connection error>}.
 */
public class RemoteException extends SextantException {
  private final List<RemoteResult> failures;

  public RemoteException(String step, List<RemoteResult> failures) {
    super(describe(step, failures), COMMAND_FAILED);
    this.failures = List.copyOf(failures);
  }

  protected RemoteException(String message, List<RemoteResult> failures, Throwable cause) {
    super(message, COMMAND_FAILED, cause);
    this.failures = List.copyOf(failures);
  }

  /** The results of the hosts that failed, in host order. */
  public List<RemoteResult> failures() {
    return failures;
  }

  /** The hosts that failed. */
  public List<String> failedHosts() {
    return failures.stream().map(RemoteResult::host).collect(Collectors.toList());
  }

  /** The one-line description of a failed result. */
  public static String describe(String step, RemoteResult result) {
    String detail = result.lastErrorLine();
    if (result.exitCode() == RemoteResult.NOT_RUN) {
      return result.host() + ": " + step + " could not run: " + (detail.isEmpty() ? "connection failed" : detail);
    }
    return result.host() + ": " + step + " failed (exit " + result.exitCode() + ")"
        + (detail.isEmpty() ? "" : ": " + detail);
  }

  private static String describe(String step, List<RemoteResult> failures) {
    return failures.stream().map(r -> describe(step, r)).collect(Collectors.joining("\n"));
  }
}

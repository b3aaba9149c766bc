package io.sextant.app;

import io.sextant.SextantException;
import java.util.List;
import java.util.stream.Collectors;

/** Booting the app failed on one or more hosts; the message has one entry per failed host and role. */
public class AppBootException extends SextantException {
  private final List<BootFailure> failures;

  public AppBootException(List<BootFailure> failures) {
    super(failures.stream().map(BootFailure::describe).collect(Collectors.joining("\n")), COMMAND_FAILED);
    this.failures = List.copyOf(failures);
  }

  public List<BootFailure> failures() {
    return failures;
  }

  /** The hosts that failed, in order, without duplicates ({@code KAMAL_FAILED_HOSTS}). */
  public List<String> failedHosts() {
    return failures.stream().map(BootFailure::host).distinct().toList();
  }
}

package io.sextant.lock;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which lock a command takes and where.
 *
 * @param service the configuration's {@code service}
 * @param destination {@code -d} destination, if any
 * @param lockHost the configuration's primary host: always the lock's home, whatever {@code --hosts}/{@code --roles}
 *     select (D5), so filtered deploys still exclude each other
 * @param selectedHosts the hosts the command works on (they get {@code mkdir -p .kamal} as in Kamal)
 * @param version the version recorded in the details
 * @param lockedBy git {@code user.name} of the locker ({@code Unknown} without git); asked only when a lock is
 *     taken, so that reading or releasing the lock does not wait for git
 */
public record LockTarget(String service, Optional<String> destination, String lockHost, List<String> selectedHosts,
    String version, Supplier<String> lockedBy) {
  public LockTarget {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(lockHost, "lockHost");
    selectedHosts = List.copyOf(selectedHosts);
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(lockedBy, "lockedBy");
  }

  /** With the locker's name known up front. */
  public LockTarget(String service, Optional<String> destination, String lockHost, List<String> selectedHosts,
      String version, String lockedBy) {
    this(service, destination, lockHost, selectedHosts, version, constant(lockedBy));
  }

  private static Supplier<String> constant(String value) {
    Objects.requireNonNull(value, "lockedBy");
    return () -> value;
  }
}

package io.sextant.lock;

import io.sextant.commands.Shell;
import java.util.Optional;

/**
 * The remote commands of the deploy lock, byte for byte Kamal's
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/lock.rb) so that Kamal and Sextant see each
 * other's locks: a directory {@code .kamal/lock-<service>[-<destination>]} made with plain {@code mkdir} (atomic:
 * exactly one contender succeeds) holding a base64 {@code details} file. Sextant adds one file beside it,
 * {@code token} (D7): the holder's secret, which a process started from a hook must show to inherit the lock.
 * Kamal never reads it, and its release ({@code rm -r}) removes it with the directory. Pure: no IO.
 */
public final class LockCommands {
  /** Kamal's run directory, relative to the SSH user's home. */
  public static final String RUN_DIRECTORY = ".kamal";

  /**
   * The exit status of {@link #statusOrNoLock()} when there is no lock: one {@link #status()} never exits with
   * ({@code stat} and {@code base64} fail with 1, the shell with 126/127 or 128+signal).
   */
  public static final int NO_LOCK = 100;

  private final String lockDir;

  /**
   * @throws IllegalArgumentException when the service or destination could escape the run directory
   */
  public LockCommands(String service, Optional<String> destination) {
    requireName("service", service);
    destination.ifPresent(d -> requireName("destination", d));
    this.lockDir = RUN_DIRECTORY + "/lock-" + service + destination.map(d -> "-" + d).orElse("");
  }

  /** The lock directory, relative to the home directory ({@code .kamal/lock-app-production}). */
  public String lockDir() {
    return lockDir;
  }

  /** {@code mkdir -p .kamal}: run on every selected host (and the lock host) before acquiring. */
  public static String ensureRunDirectory() {
    return "mkdir -p " + RUN_DIRECTORY;
  }

  /**
   * Creates the lock (fails if it exists) and writes the details, base64-encoded, with Kamal's own command; then
   * the token, readable by the SSH user only.
   */
  public String acquire(LockDetails details, String token) {
    return kamalAcquire(details) + " && (umask 077 && echo " + Shell.quote(token) + " > " + tokenFile() + ")";
  }

  /** What Kamal runs to take the lock ({@code lib/kamal/commands/lock.rb}): the lock without a token. */
  public String kamalAcquire(LockDetails details) {
    return "mkdir " + Shell.quote(lockDir) + " && echo \"" + details.encoded() + "\" > " + detailsFile();
  }

  /**
   * {@link #acquire} and, only once the lock is taken, {@code query} in the same exec (one round trip): the exit
   * status is the acquisition's alone (the query runs in a subshell: even its {@code exit} ends only itself; its
   * stderr is discarded), stdout is the query's.
   */
  public String acquireThen(LockDetails details, String token, String query) {
    return acquire(details, token) + " && { ( " + query + "\n) </dev/null 2>/dev/null; exit 0; }";
  }

  /** Prints the holder's token; fails when there is none (no lock, or a lock Kamal took). */
  public String token() {
    return "cat " + tokenFile();
  }

  /** Removes the lock. */
  public String release() {
    return "rm " + detailsFile() + " && rm -r " + Shell.quote(lockDir);
  }

  /** Prints the decoded details; fails when there is no lock. */
  public String status() {
    return "stat " + Shell.quote(lockDir) + " > /dev/null && cat " + detailsFile() + " | base64 -d";
  }

  /**
   * {@link #status()} in one round trip with telling "no lock" apart: exits {@link #NO_LOCK} when the lock directory
   * does not exist, else as {@link #status()} (its output and exit status, so a failure reads the same).
   */
  public String statusOrNoLock() {
    return "{ " + status() + "; } || { code=$?; test -d " + Shell.quote(lockDir) + " || exit " + NO_LOCK
        + "; exit $code; }";
  }

  /**
   * Exit status 0 exactly when the lock directory exists: tells "held by someone" from any other failure of
   * {@link #acquire} without reading {@code mkdir}'s (locale- and implementation-dependent) wording (D5).
   */
  public String exists() {
    return "test -d " + Shell.quote(lockDir);
  }

  private String detailsFile() {
    return Shell.quote(lockDir + "/details");
  }

  private String tokenFile() {
    return Shell.quote(lockDir + "/token");
  }

  private static void requireName(String what, String value) {
    if (value.isEmpty() || value.contains("/") || value.equals(".") || value.equals("..")
        || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("the " + what + " '" + value + "' cannot name a lock directory"
          + " (no '/', control characters or empty names)");
    }
  }
}

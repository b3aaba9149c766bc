package io.sextant.app;

import io.sextant.commands.AppCommands;
import io.sextant.console.Console;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Waits for a booted container to be ready (Kamal's healthcheck poller for roles without kamal-proxy). */
final class Readiness {
  private final SshHosts ssh;
  private final Console console;
  private final Duration readinessDelay;
  private final Duration deployTimeout;

  Readiness(SshHosts ssh, Console console, Duration readinessDelay, Duration deployTimeout) {
    this.ssh = ssh;
    this.console = console;
    this.readinessDelay = readinessDelay;
    this.deployTimeout = deployTimeout;
  }

  /**
   * Ready = Docker reports {@code healthy} (a container with a healthcheck) or, without a healthcheck, still
   * {@code running} after the readiness delay. The first wait is one exec that follows Docker's health events
   * ({@link AppCommands#awaitHealthy}): it returns the moment the healthcheck passes, without a poll interval.
   * After that (a host without {@code timeout}, a container that restarted or exited) it polls with a growing
   * pause ({@link #pause}) until the deploy timeout.
   *
   * @param onHealthy a command to run on the host the moment the container is healthy, in the same exec (the stop
   *     of the previous version), or null; see {@link Ready#onHealthyRan()} for whether it ran
   */
  Ready await(String host, AppCommands app, String onHealthy, Function<String, RoleBoot.StepFailed> failure) {
    long deadline = System.nanoTime() + deployTimeout.toNanos();
    Followed followed = followHealthEvents(host, app, onHealthy, deadline);
    if (followed != null && followed.onHealthyRan()) {
      return new Ready(true, followed.onHealthyError());
    }
    String status = followed == null ? null : followed.status();
    long attempt = 1;
    while (true) {
      if (status == null) {
        status = status(host, app);
      }
      if (status.equals("running") && !readinessDelay.isZero()) {
        console.debug(host + ": " + app.containerName() + " is running, waiting for the readiness delay of "
            + readinessDelay.toSeconds() + "s");
        sleep(readinessDelay.toMillis());
        status = status(host, app);
      }
      if (List.of("running", "healthy").contains(status)) {
        return new Ready(false, null);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw failure.apply(app.containerName() + " not ready after " + deployTimeout.toSeconds()
            + "s (" + (status.isEmpty() ? "no such container" : status) + ")");
      }
      sleep(Math.min(pause(attempt), Math.max(1, left / 1_000_000)));
      attempt++;
      status = null;
    }
  }

  /**
   * How a container became ready.
   *
   * @param onHealthyRan the command given to {@link #await} ran on the host (else the caller still has to run it)
   * @param onHealthyError its last error line when it failed, else null
   */
  record Ready(boolean onHealthyRan, String onHealthyError) {}

  /** What the event-following wait printed: the last status, and whether and how the follow-up ran. */
  private record Followed(String status, boolean onHealthyRan, String onHealthyError) {}

  /** The event-following wait, or null when it could not run (the caller then polls). */
  private Followed followHealthEvents(String host, AppCommands app, String onHealthy, long deadline) {
    long seconds = Math.max(1, (deadline - System.nanoTime() + 999_999_999L) / 1_000_000_000L);
    RemoteResult result = ssh.run(host, app.awaitHealthy(seconds, onHealthy));
    List<String> lines = result.stdout().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    List<String> statuses = lines.stream().filter(line -> !line.startsWith(AppCommands.ON_HEALTHY_FAILED)).toList();
    if (!result.ok() || statuses.isEmpty()) {
      console.debug(host + ": could not follow the health of " + app.containerName() + " ("
          + (result.lastErrorLine().isEmpty() ? "exit " + result.exitCode() : result.lastErrorLine())
          + "), polling instead");
      return null;
    }
    String status = statuses.get(statuses.size() - 1);
    boolean ran = onHealthy != null && status.equals("healthy");
    boolean failed = lines.stream().anyMatch(line -> line.startsWith(AppCommands.ON_HEALTHY_FAILED));
    String error = !failed ? null
        : result.lastErrorLine().isEmpty() ? lines.get(lines.size() - 1) : result.lastErrorLine();
    return new Followed(status, ran, error);
  }

  /**
   * Milliseconds to wait after the {@code attempt}-th status: 100, 200, 400, 800, 1600 ms, then Kamal's growing
   * pause ({@code attempt} seconds). A healthcheck usually passes within a second or two; polling Kamal's way
   * (1 s, then 2 s) made each boot wait up to 2 s longer than needed, and a status is one exec on the open
   * session (a few ms).
   */
  static long pause(long attempt) {
    long doubling = attempt >= 8 ? Long.MAX_VALUE : 100L << (attempt - 1);
    return Math.min(doubling, attempt * 1000);
  }

  private String status(String host, AppCommands app) {
    return ssh.run(host, app.status(app.version())).stdout().strip();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RoleBoot.StepFailed("readiness", "interrupted");
    }
  }
}

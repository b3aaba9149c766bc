package kamalproxy;

import java.time.Duration;
import java.util.List;

/**
 * One named service: its latest deploy options, its active {@link TargetGroup} and whether it is running, paused or
 * stopped (maintenance). Switching targets is one volatile write; {@link #enter()} pairs with it so that a request
 * either counts on the group it will use before a drain reads that count, or sees the new group and retries.
 */
final class Service {
  enum State { RUNNING, PAUSED, STOPPED }

  /** What a request may do after {@link #admit()}: go on, or get 503 (stopped) / 504 (pause expired). */
  enum Admission { PROCEED, STOPPED, TIMED_OUT }

  private final String name;
  private volatile DeployOptions options;
  private volatile List<String> deployArgs;
  private volatile TargetGroup active;
  private State state = State.RUNNING;
  private String stopMessage = "";
  private Duration pauseTimeout = Duration.ZERO;

  Service(String name, DeployOptions options, List<String> deployArgs, TargetGroup active) {
    this.name = name;
    this.options = options;
    this.deployArgs = deployArgs;
    this.active = active;
  }

  String name() {
    return name;
  }

  DeployOptions options() {
    return options;
  }

  /** The deploy command line that produced the current options and targets (what the state file keeps). */
  List<String> deployArgs() {
    return deployArgs;
  }

  TargetGroup active() {
    return active;
  }

  /** Installs a new group and returns the one it replaced (to be drained by the caller). */
  TargetGroup replace(DeployOptions newOptions, List<String> newArgs, TargetGroup group) {
    TargetGroup old = active;
    options = newOptions;
    deployArgs = newArgs;
    active = group;
    return old;
  }

  /** The group this request will use, already counted in flight; the caller must {@code leave()} it. */
  TargetGroup enter() {
    while (true) {
      TargetGroup group = active;
      group.enter();
      if (group == active) {
        return group;
      }
      group.leave();
    }
  }

  synchronized Admission admit() throws InterruptedException {
    long deadline = System.nanoTime() + pauseTimeout.toNanos();
    while (state == State.PAUSED) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Admission.TIMED_OUT;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return state == State.STOPPED ? Admission.STOPPED : Admission.PROCEED;
  }

  synchronized State state() {
    return state;
  }

  synchronized String stopMessage() {
    return stopMessage;
  }

  synchronized Duration pauseTimeout() {
    return pauseTimeout;
  }

  synchronized void stop(String message) {
    state = State.STOPPED;
    stopMessage = message;
    notifyAll();
  }

  synchronized void pause(Duration timeout) {
    state = State.PAUSED;
    pauseTimeout = timeout;
  }

  synchronized void resume() {
    state = State.RUNNING;
    stopMessage = "";
    notifyAll();
  }
}

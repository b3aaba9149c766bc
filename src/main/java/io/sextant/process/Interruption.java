package io.sextant.process;

import io.sextant.invocation.Invocation;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM handling (D6): on the first SIGINT/SIGTERM the registered cleanup actions run, newest
 * first (e.g. kill a running hook's process group, then release the deploy lock), then the process exits with
 * 130 (SIGINT) or 143 (SIGTERM). A second signal during cleanup exits at once. Cleanup is bounded in time so a
 * dead host cannot keep Sextant from exiting.
 *
 * <p>One instance per process, created by the CLI and passed to whoever needs to register cleanup.
 */
public final class Interruption {
  /** Exit code after SIGINT (128 + 2). */
  public static final int SIGINT_EXIT = 130;
  /** Exit code after SIGTERM (128 + 15). */
  public static final int SIGTERM_EXIT = 143;
  /** Exit code after SIGHUP (128 + 1): the terminal or SSH session of the deployer went away. */
  public static final int SIGHUP_EXIT = 129;

  private final IntConsumer exit;
  private final Duration cleanupLimit;
  private final Deque<Registration> cleanups = new ArrayDeque<>();
  /** Actions that must run before every other cleanup (stopping running hooks before the lock goes). */
  private final Deque<Registration> firstCleanups = new ArrayDeque<>();
  private final AtomicBoolean installed = new AtomicBoolean();
  private final AtomicBoolean interrupted = new AtomicBoolean();
  /** Opened once the cleanup's exit returned (only in tests: {@link System#exit} never returns). */
  private final CountDownLatch exited = new CountDownLatch(1);

  /**
   * @param exit ends the process with the given code ({@code System::exit} in production)
   * @param cleanupLimit how long all cleanup actions together may take before the process exits anyway
   */
  public Interruption(IntConsumer exit, Duration cleanupLimit) {
    this.exit = Objects.requireNonNull(exit, "exit");
    this.cleanupLimit = Objects.requireNonNull(cleanupLimit, "cleanupLimit");
  }

  /**
   * Exits through {@link System#exit}, allowing 30 s of cleanup; a command the agent runs for a thin client ends
   * through its {@link Invocation} instead (the agent's JVM goes on).
   */
  public static Interruption forProcess() {
    return new Interruption(Invocation.current()::exit, Duration.ofSeconds(30));
  }

  /**
   * Installs the SIGINT and SIGTERM handlers (once; later calls do nothing). For a command the agent runs, the
   * thin client's signals arrive through its {@link Invocation}.
   */
  public void install() {
    if (installed.compareAndSet(false, true) && !Invocation.current().onSignal(this::interrupt)) {
      Signal.handle(new Signal("INT"), signal -> interrupt(SIGINT_EXIT));
      Signal.handle(new Signal("TERM"), signal -> interrupt(SIGTERM_EXIT));
      // A dropped SSH session to the deploy machine must not leave the deploy lock behind either.
      Signal.handle(new Signal("HUP"), signal -> interrupt(SIGHUP_EXIT));
    }
  }

  /**
   * Registers {@code action} to run if the process is interrupted, until the returned registration is closed.
   *
   * @param name what the action does, for the message shown if it fails
   */
  public Registration onInterrupt(String name, Runnable action) {
    Registration registration = new Registration(name, action);
    synchronized (cleanups) {
      cleanups.push(registration);
    }
    return registration;
  }

  /**
   * Registers {@code action} to run before every {@link #onInterrupt} action, whenever it was registered: e.g.
   * stopping running hooks, which must be gone before the lock they work under is released (D6).
   */
  public Registration onInterruptFirst(String name, Runnable action) {
    Registration registration = new Registration(name, action);
    synchronized (cleanups) {
      firstCleanups.addLast(registration);
    }
    return registration;
  }

  /** Whether a signal arrived (long-running loops may stop early). */
  public boolean isInterrupted() {
    return interrupted.get();
  }

  /** What a signal does: run the cleanup actions (newest first, within the limit), then exit with {@code code}. */
  public void interrupt(int code) {
    if (!interrupted.compareAndSet(false, true)) {
      exit.accept(code); // second Ctrl-C: the user insists
      return;
    }
    List<Registration> actions;
    synchronized (cleanups) {
      actions = new ArrayList<>(firstCleanups);
      actions.addAll(cleanups);
      firstCleanups.clear();
      cleanups.clear();
    }
    Thread worker = new Thread(() -> {
      for (Registration registration : actions) {
        try {
          registration.action.run();
        } catch (RuntimeException | Error e) {
          System.err.println("Cleanup (" + registration.name + ") failed: " + e.getMessage());
        }
      }
    }, "sextant-interrupt-cleanup");
    worker.setDaemon(true);
    worker.start();
    try {
      worker.join(cleanupLimit.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exit.accept(code);
    exited.countDown();
  }

  /**
   * For a thread whose work a signal's cleanup cut short (its remote command killed): when a signal arrived, waits
   * until the cleanup has ended the process with the signal's exit code, so that this thread's own failure does not
   * end it first with another code; returns at once otherwise.
   */
  public void awaitExitIfInterrupted() {
    if (!isInterrupted()) {
      return;
    }
    try {
      exited.await(cleanupLimit.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A registered cleanup action; closing it (normal completion) unregisters it. */
  public final class Registration implements AutoCloseable {
    private final String name;
    private final Runnable action;

    private Registration(String name, Runnable action) {
      this.name = Objects.requireNonNull(name, "name");
      this.action = Objects.requireNonNull(action, "action");
    }

    @Override
    public void close() {
      synchronized (cleanups) {
        cleanups.remove(this);
        firstCleanups.remove(this);
      }
    }
  }
}

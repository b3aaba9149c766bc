package io.sextant.lock;

import io.sextant.console.Console;
import io.sextant.process.Interruption;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The deploy lock of one Sextant run, Kamal-compatible on the host (C4) and safer around it: it lives on the
 * configuration's primary host (D5), "held by someone" is told from exit statuses, is released on failure and on
 * Ctrl-C/SIGTERM (D6), and a Sextant started from a hook inherits it only with the holder's token (D7).
 *
 * <p>Automatic locking ({@link #withLock}, {@link #acquireAutomatic}/{@link #releaseAutomatic}) is re-entrant
 * within the process. The manual commands ({@link #acquire}, {@link #status}, {@link #release}) are
 * {@code sextant lock acquire/status/release}.
 */
public final class DeployLock {
  /** Set to {@code true} in hooks that run while the lock is held (Kamal's variable). */
  public static final String LOCK_ENV = "KAMAL_LOCK";
  /** The holder's token, given to hooks with {@link #LOCK_ENV} (D7). */
  public static final String TOKEN_ENV = "KAMAL_LOCK_TOKEN";

  private static final String LOCK_FOUND = "Deploy lock found. Run 'sextant lock help' for more information";
  private static final int VANISHED_RETRIES = 3;

  private final SshHosts hosts;
  private final LockTarget target;
  private final LockCommands commands;
  private final Console console;
  private final Map<String, String> environment;
  private final LockWait wait;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Interruption interruption;
  private final AtomicReference<String> heldToken = new AtomicReference<>();
  /** The token of the last lock this process saw itself take (the main path then owns its release). */
  private volatile String acquiredToken;
  /** Held while the lock is being removed: the second of two racing releasers waits for the first to finish. */
  private final Object releasing = new Object();
  /**
   * Held around each acquisition attempt and by the interrupt handler: the handler never looks for our lock while
   * a {@code mkdir} is in flight, and no attempt starts once the handler has run (the main thread keeps going
   * until the process exits, and a lock taken then would be left behind).
   */
  private final Object acquiring = new Object();
  private int depth;
  private boolean inherited;
  private Interruption.Registration releaseOnInterrupt;

  /**
   * @param environment this process's environment ({@code System.getenv()}): {@code KAMAL_LOCK} and
   *     {@code KAMAL_LOCK_TOKEN} decide inheritance
   * @param interruption where the release is registered while the lock is held; {@code null} for none
   */
  public DeployLock(SshHosts hosts, LockTarget target, Console console, Map<String, String> environment,
      LockWait wait, Clock clock, Sleeper sleeper, Interruption interruption) {
    this.hosts = Objects.requireNonNull(hosts, "hosts");
    this.target = Objects.requireNonNull(target, "target");
    this.commands = new LockCommands(target.service(), target.destination());
    this.console = Objects.requireNonNull(console, "console");
    this.environment = Map.copyOf(environment);
    this.wait = Objects.requireNonNull(wait, "wait");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.interruption = interruption;
  }

  /** Runs {@code body} holding the automatic lock; releases it afterwards, also when {@code body} fails. */
  public <T> T withLock(Supplier<T> body) {
    return withLock(null, body);
  }

  private <T> T withLock(Query query, Supplier<T> body) {
    acquireAutomatic(query);
    T result;
    try {
      result = body.get();
    } catch (RuntimeException | Error e) {
      try {
        releaseAutomatic();
      } catch (RuntimeException releaseFailure) {
        e.addSuppressed(releaseFailure);
      }
      throw e;
    }
    releaseAutomatic();
    return result;
  }

  /** {@link #withLock(Supplier)} for a body without a result. */
  public void withLock(Runnable body) {
    withLock(() -> {
      body.run();
      return null;
    });
  }

  /**
   * {@link #withLock(Runnable)} that also runs {@code query} (read-only; its failure is ignored) on the lock host in
   * the very exec that takes the lock, right after taking it, and gives its stdout to {@code answer} before
   * {@code body} runs: a question about the state under the lock without a round trip of its own. {@code answer}
   * is not called when no exec takes the lock (it is held already, or inherited).
   */
  public void withLock(String query, Consumer<String> answer, Runnable body) {
    withLock(new Query(Objects.requireNonNull(query, "query"), Objects.requireNonNull(answer, "answer")), () -> {
      body.run();
      return null;
    });
  }

  /** A command to run on the lock host once it is taken, and where its stdout goes. */
  private record Query(String command, Consumer<String> answer) {}

  /**
   * Takes the automatic lock (Kamal's with_lock,
   * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/base.rb#L104-L184): nothing if this process already
   * holds it or inherits it from the Sextant that started it; otherwise {@code mkdir -p .kamal} on the hosts, then the
   * lock, waiting per {@code --lock-wait} for another automatic lock.
   *
   * @throws LockException if someone else holds it (and waiting is off, the lock is manual, or time ran out)
   */
  public synchronized void acquireAutomatic() {
    acquireAutomatic(null);
  }

  private synchronized void acquireAutomatic(Query query) {
    if (depth > 0) {
      depth++;
      return;
    }
    Optional<String> parentToken = inheritedToken();
    if (parentToken.isPresent()) {
      console.debug("Deploy lock held by the Sextant process that started this one (token matches)");
      heldToken.set(parentToken.get());
      inherited = true;
      depth = 1;
      return;
    }
    ensureRunDirectory();
    console.info(wait.enabled()
        ? "Acquiring the deploy lock (waiting up to " + LockWait.seconds(wait.timeout()) + ")..."
        : "Acquiring the deploy lock...");
    String token = newToken();
    // Registered before the first mkdir: a signal between our mkdir and its result must still release our lock.
    Interruption.Registration registration = interruption == null ? null
        : interruption.onInterrupt("release the deploy lock", () -> releaseIfMine(token));
    releaseOnInterrupt = registration;
    try {
      waitForLock(token, query);
    } catch (RuntimeException | Error e) {
      releaseOnInterrupt = null;
      if (registration != null) {
        registration.close();
      }
      throw e;
    }
    depth = 1;
  }

  private void waitForLock(String token, Query query) {
    Instant deadline = clock.instant().plus(wait.timeout());
    boolean announced = false;
    while (true) {
      Optional<String> holder;
      synchronized (acquiring) {
        if (interruption != null && interruption.isInterrupted()) {
          throw new LockException("Interrupted: the deploy lock was not taken");
        }
        holder = tryAcquire(details(LockDetails.AUTOMATIC), token, query);
        if (holder.isEmpty()) {
          acquiredToken = token;
          heldToken.set(token);
          return;
        }
      }
      String shown = holder.get();
      if (!wait.enabled()) {
        throw alreadyLocked(shown);
      }
      if (!announced) {
        console.info("Deploy lock is held by:");
        console.info(shown);
        announced = true;
      }
      if (!LockDetails.isAutomatic(holder.get())) {
        throw new LockException("Deploy lock held manually, not waiting. Run 'sextant lock help' for more information");
      }
      long remaining = Duration.between(clock.instant(), deadline).getSeconds();
      if (remaining <= 0) {
        console.error("Timed out after " + LockWait.seconds(wait.timeout()) + " waiting for the deploy lock");
        throw new LockException("Timed out waiting for deploy lock");
      }
      console.info("Retrying in " + LockWait.seconds(wait.interval()) + " (" + remaining + "s remaining)...");
      Duration pause = wait.interval().compareTo(Duration.ofSeconds(remaining)) < 0
          ? wait.interval() : Duration.ofSeconds(remaining);
      try {
        sleeper.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LockException("Interrupted while waiting for the deploy lock");
      }
    }
  }

  /** Leaves one automatic lock section; the outermost one releases the lock (never an inherited one). */
  public synchronized void releaseAutomatic() {
    if (depth == 0) {
      return;
    }
    depth--;
    if (depth > 0) {
      return;
    }
    if (inherited) {
      inherited = false;
      heldToken.set(null);
      return;
    }
    releaseHeld();
  }

  /** Whether this process holds (or inherited) the lock right now. */
  public boolean isHeld() {
    return heldToken.get() != null;
  }

  /** The variables hooks get: {@code KAMAL_LOCK=true|false} and, while held, {@code KAMAL_LOCK_TOKEN}. */
  public Map<String, String> hookEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    String token = heldToken.get();
    env.put(LOCK_ENV, token != null ? "true" : "false");
    if (token != null) {
      env.put(TOKEN_ENV, token);
    }
    return env;
  }

  /**
   * {@code lock acquire -m MESSAGE}: takes the lock with that message and prints {@code Acquired the deploy lock}.
   *
   * @throws LockException if it is already held (its details are printed first)
   */
  public void acquire(String message) {
    ensureRunDirectory();
    Optional<String> holder = tryAcquire(details(message), newToken(), null);
    if (holder.isPresent()) {
      throw alreadyLocked(holder.get());
    }
    console.result("Acquired the deploy lock");
  }

  /** {@code lock status} as Kamal shows it: the details, or {@code There is no deploy lock}. */
  public void printStatus() {
    console.result(status().orElse("There is no deploy lock"));
  }

  /** {@code lock release} as Kamal shows it: {@code Released the deploy lock} or {@code There is no deploy lock}. */
  public void releaseAndReport() {
    console.result(release() ? "Released the deploy lock" : "There is no deploy lock");
  }

  /** The decoded details of the lock, or empty when there is none. */
  public Optional<String> status() {
    RemoteResult result = hosts.run(target.lockHost(), commands.statusOrNoLock()); // one round trip, lock or not
    if (result.ok()) {
      return Optional.of(result.stdout().strip()); // SSHKit's capture strips, as Kamal prints it
    }
    if (result.exitCode() == LockCommands.NO_LOCK) {
      return Optional.empty();
    }
    throw new RemoteException("read the deploy lock", List.of(result));
  }

  /** {@code lock release}: removes the lock whoever holds it; false when there was none. */
  public boolean release() {
    RemoteResult result = hosts.run(target.lockHost(), commands.release());
    if (result.ok()) {
      return true;
    }
    if (!exists()) {
      return false;
    }
    throw new RemoteException("release the deploy lock", List.of(result));
  }

  private void ensureRunDirectory() {
    LinkedHashSet<String> all = new LinkedHashSet<>(target.selectedHosts());
    all.add(target.lockHost()); // the lock host may be outside a --hosts/--roles selection
    hosts.runAllOrThrow("mkdir -p .kamal", new ArrayList<>(all), host -> LockCommands.ensureRunDirectory());
  }

  /** Empty when the lock was taken (then {@code query}, if any, has had its answer); else the holder's details. */
  private Optional<String> tryAcquire(LockDetails details, String token, Query query) {
    for (int attempt = 0; ; attempt++) {
      RemoteResult result = hosts.run(target.lockHost(),
          query == null ? commands.acquire(details, token) : commands.acquireThen(details, token, query.command()));
      if (result.ok()) {
        if (query != null) {
          query.answer().accept(result.stdout());
        }
        return Optional.empty();
      }
      if (!exists()) {
        if (attempt < VANISHED_RETRIES) {
          continue; // the holder released between our mkdir and this check (or mkdir failed for good: see below)
        }
        throw new RemoteException("acquire the deploy lock", List.of(result));
      }
      RemoteResult status = hosts.run(target.lockHost(), commands.status());
      if (status.ok() || attempt >= VANISHED_RETRIES) {
        return Optional.of(status.stdout().strip());
      }
      // The holder released between our mkdir and our read: try again.
    }
  }

  private boolean exists() {
    return hosts.run(target.lockHost(), commands.exists()).exitCode() == 0;
  }

  private Optional<String> inheritedToken() {
    String token = environment.get(TOKEN_ENV);
    if (!"true".equals(environment.get(LOCK_ENV)) || token == null || token.isBlank()) {
      return Optional.empty();
    }
    return holdsToken(token) ? Optional.of(token) : Optional.empty();
  }

  /** Whether the lock exists and its token file holds {@code token}. */
  private boolean holdsToken(String token) {
    RemoteResult recorded = hosts.run(target.lockHost(), commands.token());
    return recorded.ok() && recorded.stdout().strip().equals(token);
  }

  /** The interrupt action: releases the lock if it carries {@code token}, even if we never saw our mkdir succeed. */
  private void releaseIfMine(String token) {
    synchronized (acquiring) {
      if (token.equals(acquiredToken)) {
        releaseHeld(); // a no-op if the main thread got there first
        return;
      }
    }
    // Only when an attempt itself failed in an unusual way (e.g. its connection broke after the mkdir ran)
    if (holdsToken(token)) {
      console.info("Releasing the deploy lock...");
      hosts.run(target.lockHost(), commands.release());
    }
  }

  /** Removes the lock this process took; safe to call from the interrupt thread and the main thread alike. */
  private void releaseHeld() {
    // Main thread and interrupt handler may race here: the loser must not return (and let the process exit)
    // before the winner's remote release is done.
    synchronized (releasing) {
      if (heldToken.getAndSet(null) == null) {
        return;
      }
      console.info("Releasing the deploy lock...");
      Interruption.Registration registration = releaseOnInterrupt;
      releaseOnInterrupt = null;
      if (registration != null) {
        registration.close();
      }
      RemoteResult result = hosts.run(target.lockHost(), commands.release());
      if (!result.ok() && exists()) {
        throw new RemoteException("release the deploy lock", List.of(result));
      }
    }
  }

  private LockException alreadyLocked(String details) {
    console.error("Deploy lock already in place!");
    console.error(details);
    return new LockException(LOCK_FOUND);
  }

  private LockDetails details(String message) {
    return new LockDetails(target.lockedBy().get(), clock.instant(), target.version(), message);
  }

  private static String newToken() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}

package io.sextant.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.process.Interruption;
import io.sextant.ssh.InJvmSshServerAccess;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.SshHosts;
import io.sextant.ssh.SshSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployLockTest {
  @TempDir static Path dir;
  static InJvmSshServerAccess.Server primary;
  static InJvmSshServerAccess.Server other;
  static SshSettings settings;

  final List<SshHosts> opened = new ArrayList<>();
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8), Verbosity.NORMAL);
  final FakeClock clock = new FakeClock();

  @BeforeAll
  static void startHosts() throws Exception {
    primary = InJvmSshServerAccess.startIn(dir, "primary");
    other = InJvmSshServerAccess.startIn(dir, "other");
    settings = InJvmSshServerAccess.settings(dir);
  }

  @AfterAll
  static void stopHosts() throws Exception {
    primary.close();
    other.close();
  }

  @BeforeEach
  @AfterEach
  void clean() throws Exception {
    for (Path home : List.of(primary.home(), other.home())) {
      new ProcessBuilder("rm", "-rf", home.resolve(".kamal").toString()).start().waitFor();
    }
  }

  @AfterEach
  void closeHosts() {
    opened.forEach(SshHosts::close);
  }

  private DeployLock lock(LockWait wait, Map<String, String> env, Sleeper sleeper, Interruption interruption) {
    SshHosts hosts = new SshHosts(settings);
    opened.add(hosts);
    LockTarget target = new LockTarget("app", Optional.empty(), primary.host(), List.of(other.host()), "v42",
        "Deployer");
    return new DeployLock(hosts, target, console, env, wait, clock, sleeper, interruption);
  }

  private DeployLock lock() {
    return lock(LockWait.NONE, Map.of(), d -> { throw new AssertionError("must not sleep"); }, null);
  }

  private Path lockDir() {
    return primary.home().resolve(".kamal/lock-app");
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void manualAcquireStatusRelease() {
    DeployLock lock = lock();
    assertThat(lock.status()).isEmpty();
    lock.acquire("Fixing the database, do not deploy");
    assertThat(output()).isEqualTo("Acquired the deploy lock\n");
    assertThat(Files.isDirectory(lockDir())).isTrue();
    assertThat(Files.isDirectory(other.home().resolve(".kamal"))).isTrue(); // mkdir -p .kamal on the selected hosts
    assertThat(Files.exists(other.home().resolve(".kamal/lock-app"))).isFalse(); // the lock itself: primary only
    assertThat(lock.status()).hasValueSatisfying(details -> assertThat(details)
        .matches("Locked by: Deployer at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\nVersion: v42\n"
            + "Message: Fixing the database, do not deploy"));
    assertThat(lock.release()).isTrue();
    assertThat(Files.exists(lockDir())).isFalse();
    assertThat(lock.release()).isFalse();
    assertThat(lock.status()).isEmpty();
  }

  @Test
  void cliStatusAndReleaseLinesAreKamals() {
    DeployLock lock = lock();
    lock.printStatus();
    lock.releaseAndReport();
    lock.acquire("m");
    out.reset();
    lock.printStatus();
    assertThat(output()).startsWith("Locked by: Deployer at ").endsWith("Message: m\n");
    out.reset();
    lock.releaseAndReport();
    assertThat(output()).isEqualTo("Released the deploy lock\n");
  }

  @Test
  void noLockMessages() {
    DeployLock lock = lock();
    lock.printStatus();
    lock.releaseAndReport();
    assertThat(output()).isEqualTo("There is no deploy lock\nThere is no deploy lock\n");
  }

  @Test
  void secondAcquirerFailsNamingTheHolder() {
    lock().acquire("first");
    assertThatThrownBy(() -> lock().acquire("second"))
        .isInstanceOf(LockException.class)
        .hasMessage("Deploy lock found. Run 'sextant lock help' for more information")
        .satisfies(e -> assertThat(((LockException) e).exitCode()).isEqualTo(1));
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Deploy lock already in place!\nLocked by: Deployer at ")
        .contains("Message: first").doesNotContain("Token:");
  }

  @Test
  void detailsAreReadableTheKamalWay() throws Exception {
    lock().acquire("it's \"quoted\" $HOME `id` é");
    Process kamalStatus = new ProcessBuilder("sh", "-c",
        "stat .kamal/lock-app > /dev/null && cat .kamal/lock-app/details | base64 -d")
        .directory(primary.home().toFile()).start();
    String decoded = new String(kamalStatus.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kamalStatus.waitFor()).isZero();
    assertThat(decoded).endsWith("Version: v42\nMessage: it's \"quoted\" $HOME `id` é");
    // echo "<encode64 output>" (lock.rb:31): Ruby's 60-character lines, then echo's own newline
    assertThat(Files.readString(lockDir().resolve("details"))).as("the details file, byte for byte")
        .isEqualTo(new LockDetails("Deployer", clock.instant(), "v42", "it's \"quoted\" $HOME `id` é").encoded()
            + "\n");
    assertThat(Files.readString(lockDir().resolve("token"))).matches("[0-9a-f]{32}\n");
    assertThat(Files.getPosixFilePermissions(lockDir().resolve("token")))
        .containsOnly(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void automaticLockIsTakenAroundTheBodyAndReleasedAfterIt() {
    DeployLock lock = lock();
    boolean sawLock = lock.withLock(() -> Files.isDirectory(lockDir()) && lock.isHeld());
    assertThat(sawLock).isTrue();
    assertThat(Files.exists(lockDir())).isFalse();
    assertThat(output()).isEqualTo("Acquiring the deploy lock...\nReleasing the deploy lock...\n");
  }

  @Test
  void automaticLockIsReleasedWhenTheBodyFails() {
    DeployLock lock = lock();
    assertThatThrownBy(() -> lock.withLock(() -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(Files.exists(lockDir())).isFalse();
    assertThat(lock.isHeld()).isFalse();
  }

  @Test
  void aQueryRidesInTheExecThatTakesTheLockAndSeesItHeld() {
    DeployLock lock = lock();
    List<String> answers = new ArrayList<>();
    lock.withLock("test -d .kamal/lock-app && echo held; echo v41", answers::add,
        () -> assertThat(answers).containsExactly("held\nv41\n"));
    assertThat(Files.exists(lockDir())).isFalse();
    assertThat(output()).isEqualTo("Acquiring the deploy lock...\nReleasing the deploy lock...\n");
  }

  @Test
  void aFailingQueryDoesNotFailTheLockAndANestedOneIsNotAsked() {
    DeployLock lock = lock();
    List<String> answers = new ArrayList<>();
    lock.withLock("echo partial; echo oops >&2; exit 3", answers::add,
        () -> lock.withLock("echo nested", answers::add, () -> assertThat(lock.isHeld()).isTrue()));
    assertThat(answers).containsExactly("partial\n");
    assertThat(Files.exists(lockDir())).isFalse();
  }

  @Test
  void aQueryIsNotAskedWhenTheLockIsHeldBySomeoneElse() {
    lock().acquireAutomatic();
    List<String> answers = new ArrayList<>();
    assertThatThrownBy(() -> lock().withLock("echo no", answers::add, () -> { }))
        .isInstanceOf(LockException.class);
    assertThat(answers).isEmpty();
  }

  @Test
  void nestedSectionsAreNoOps() {
    DeployLock lock = lock();
    lock.withLock(() -> lock.withLock(() -> assertThat(Files.isDirectory(lockDir())).isTrue()));
    assertThat(output()).isEqualTo("Acquiring the deploy lock...\nReleasing the deploy lock...\n");
  }

  @Test
  void automaticLockFailsAtOnceWithoutLockWait() {
    lock().acquireAutomatic();
    assertThatThrownBy(() -> lock().acquireAutomatic()).isInstanceOf(LockException.class)
        .hasMessage("Deploy lock found. Run 'sextant lock help' for more information");
  }

  @Test
  void lockWaitRetriesUntilTheAutomaticLockIsGone() {
    DeployLock holder = lock();
    holder.acquireAutomatic();
    List<Duration> sleeps = new ArrayList<>();
    DeployLock waiter = lock(new LockWait(true, Duration.ofSeconds(900), Duration.ofSeconds(15)), Map.of(),
        pause -> {
          sleeps.add(pause);
          clock.advance(pause);
          if (sleeps.size() == 2) {
            holder.releaseAutomatic();
          }
        }, null);
    out.reset();
    waiter.acquireAutomatic();
    assertThat(waiter.isHeld()).isTrue();
    assertThat(sleeps).containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(15));
    assertThat(output()).startsWith("Acquiring the deploy lock (waiting up to 900s)...\nDeploy lock is held by:\n"
        + "Locked by: Deployer at ").contains("Message: Automatic deploy lock\nRetrying in 15s (900s remaining)...\n"
        + "Retrying in 15s (885s remaining)...\nReleasing the deploy lock...\n");
    waiter.releaseAutomatic();
  }

  @Test
  void lockWaitTimesOut() {
    lock().acquireAutomatic();
    List<Duration> sleeps = new ArrayList<>();
    DeployLock waiter = lock(new LockWait(true, Duration.ofSeconds(20), Duration.ofSeconds(15)), Map.of(),
        pause -> {
          sleeps.add(pause);
          clock.advance(pause);
        }, null);
    assertThatThrownBy(waiter::acquireAutomatic).isInstanceOf(LockException.class)
        .hasMessage("Timed out waiting for deploy lock");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(5));
    assertThat(output()).contains("Retrying in 15s (20s remaining)...\nRetrying in 15s (5s remaining)...\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Timed out after 20s waiting for the deploy lock\n");
  }

  @Test
  void manualLockIsNeverWaitedFor() {
    lock().acquire("maintenance");
    DeployLock waiter = lock(new LockWait(true, Duration.ofSeconds(900), Duration.ofSeconds(15)), Map.of(),
        pause -> { throw new AssertionError("must not wait for a manual lock"); }, null);
    assertThatThrownBy(waiter::acquireAutomatic).isInstanceOf(LockException.class)
        .hasMessage("Deploy lock held manually, not waiting. Run 'sextant lock help' for more information");
  }

  @Test
  void processStartedFromAHookInheritsTheLockOnlyWithTheToken() {
    DeployLock parent = lock();
    parent.acquireAutomatic();
    Map<String, String> hookEnv = parent.hookEnvironment();
    assertThat(hookEnv).containsEntry("KAMAL_LOCK", "true").containsKey("KAMAL_LOCK_TOKEN");

    DeployLock child = lock(LockWait.NONE, hookEnv, d -> { }, null);
    out.reset();
    child.withLock(() -> assertThat(child.hookEnvironment()).isEqualTo(hookEnv));
    assertThat(output()).isEmpty();
    assertThat(Files.isDirectory(lockDir())).isTrue(); // the child never releases its parent's lock

    DeployLock impostor = lock(LockWait.NONE, Map.of("KAMAL_LOCK", "true", "KAMAL_LOCK_TOKEN", "guessed"), d -> { },
        null);
    assertThatThrownBy(impostor::acquireAutomatic).isInstanceOf(LockException.class);
    DeployLock noToken = lock(LockWait.NONE, Map.of("KAMAL_LOCK", "true"), d -> { }, null);
    assertThatThrownBy(noToken::acquireAutomatic).isInstanceOf(LockException.class);
    parent.releaseAutomatic();
    assertThat(Files.exists(lockDir())).isFalse();
  }

  @Test
  void hookEnvironmentSaysFalseWhenNotHeld() {
    assertThat(lock().hookEnvironment()).isEqualTo(Map.of("KAMAL_LOCK", "false"));
  }

  @Test
  void interruptionReleasesTheHeldLock() {
    AtomicInteger exitCode = new AtomicInteger(-1);
    Interruption interruption = new Interruption(exitCode::set, Duration.ofSeconds(10));
    DeployLock lock = lock(LockWait.NONE, Map.of(), d -> { }, interruption);
    lock.acquireAutomatic();
    interruption.interrupt(Interruption.SIGTERM_EXIT);
    assertThat(exitCode).hasValue(143);
    assertThat(Files.exists(lockDir())).isFalse();
    assertThat(lock.isHeld()).isFalse();
    lock.releaseAutomatic(); // the main thread's own release afterwards is harmless
  }

  @Test
  void noLockIsTakenOnceTheProcessIsInterrupted() {
    AtomicInteger exitCode = new AtomicInteger(-1);
    Interruption interruption = new Interruption(exitCode::set, Duration.ofSeconds(10));
    interruption.interrupt(Interruption.SIGINT_EXIT); // in production the process is exiting now
    DeployLock lock = lock(LockWait.NONE, Map.of(), d -> { }, interruption);
    assertThatThrownBy(lock::acquireAutomatic).isInstanceOf(LockException.class).hasMessageContaining("Interrupted");
    assertThat(Files.exists(lockDir())).isFalse();
    assertThat(lock.isHeld()).isFalse();
  }

  @Test
  void aWaiterInterruptedDuringItsPauseDoesNotTakeTheLockWhenItFreesUp() {
    DeployLock holder = lock();
    holder.acquireAutomatic();
    AtomicInteger exitCode = new AtomicInteger(-1);
    Interruption interruption = new Interruption(exitCode::set, Duration.ofSeconds(10));
    DeployLock waiter = lock(new LockWait(true, Duration.ofSeconds(900), Duration.ofSeconds(15)), Map.of(),
        pause -> {
          holder.releaseAutomatic(); // the holder finishes...
          interruption.interrupt(Interruption.SIGINT_EXIT); // ...while Ctrl-C reaches the waiter
        }, interruption);
    assertThatThrownBy(waiter::acquireAutomatic).isInstanceOf(LockException.class)
        .hasMessageContaining("Interrupted");
    assertThat(exitCode).hasValue(130);
    assertThat(Files.exists(lockDir())).as("no lock left behind by an exiting process").isFalse();
  }

  @Test
  void aFailureThatIsNotTheLockIsNotReportedAsHeld() throws Exception {
    Files.createDirectories(primary.home().resolve(".kamal"));
    Files.writeString(lockDir(), "a file where the lock directory should be");
    assertThatThrownBy(() -> lock().acquire("x")).isInstanceOf(RemoteException.class)
        .hasMessageStartingWith(primary.host() + ": acquire the deploy lock failed (exit 1): mkdir:");
  }

  @Test
  void exactlyOneOfFiveConcurrentAcquirersWins() throws Exception {
    int contenders = 5;
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < contenders; i++) {
      DeployLock lock = lock();
      String message = "contender " + i;
      Thread thread = new Thread(() -> {
        try {
          start.await();
          lock.acquire(message);
          outcomes.add("won");
        } catch (LockException e) {
          outcomes.add("lost");
        } catch (Exception e) {
          outcomes.add("error " + e);
        }
      });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join(30_000);
    }
    assertThat(outcomes).hasSize(contenders).containsOnlyOnce("won").filteredOn("lost"::equals).hasSize(4);
  }

  /** A clock the test moves by hand. */
  static final class FakeClock extends Clock {
    private Instant now = Instant.parse("2026-06-18T12:00:00Z");

    synchronized void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}

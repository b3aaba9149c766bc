package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sextant.console.Verbosity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts (B3), process groups and hooks that fork background children. */
class HookTimeoutTest {
  @TempDir Path temp;
  HookFixture fixture;
  Path childPid;

  @BeforeEach
  void setUp() {
    fixture = new HookFixture(temp);
    childPid = fixture.records.resolve("child.pid");
  }

  @AfterEach
  void killLeftovers() throws Exception {
    if (Files.exists(childPid)) {
      ProcessHandle.of(Long.parseLong(Files.readString(childPid).strip())).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** Whether the recorded child still runs; a killed zombie waiting for init to reap it does not. */
  private boolean childAlive() throws Exception {
    Path stat = Path.of("/proc", Files.readString(childPid).strip(), "stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String text = Files.readString(stat);
    char state = text.charAt(text.lastIndexOf(')') + 2);
    return state != 'Z' && state != 'X';
  }

  @Test
  void timeoutKillsTheWholeGroupIncludingABackgroundChild() throws Exception {
    fixture.hook("pre-deploy", "sleep 300 &\necho $! > '" + childPid + "'\necho started\nsleep 300");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL)
        .withTimeouts(null, Map.of("pre-deploy", Duration.ofSeconds(1)), null));
    long start = System.nanoTime();
    assertThatThrownBy(() -> runner.run(HookPoint.PRE_DEPLOY, HookFixture.context()))
        .isInstanceOf(HookFailedException.class)
        .hasMessageStartingWith("Hook `pre-deploy` failed: timed out after 1s\n")
        .hasMessageContaining("started");
    // The bound: timeout + kill grace + 2 s (a loaded CI machine must not make this flaky).
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(Duration.ofSeconds(1).plus(HookSettings.KILL_GRACE).plusSeconds(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> !childAlive());
  }

  @Test
  void groupIgnoringSigtermGetsSigkillAfterTheGrace() throws Exception {
    fixture.hook("pre-build", "trap '' TERM\nsleep 300 &\necho $! > '" + childPid + "'\n"
        + "while true; do sleep 1; done");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL)
        .withTimeouts(Duration.ofSeconds(1), Map.of(), null));
    long start = System.nanoTime();
    assertThatThrownBy(() -> runner.run(HookPoint.PRE_BUILD, HookFixture.context()))
        .hasMessageStartingWith("Hook `pre-build` failed: timed out after 1s");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isGreaterThanOrEqualTo(HookSettings.KILL_GRACE)
        .isLessThan(Duration.ofSeconds(1).plus(HookSettings.KILL_GRACE).plusSeconds(2));
    await().atMost(Duration.ofSeconds(2)).until(() -> !childAlive());
  }

  @Test
  void flagTimeoutWinsOverConfiguredTimeouts() {
    fixture.hook("pre-build", "sleep 30");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL)
        .withTimeouts(Duration.ofSeconds(600), Map.of("pre-build", Duration.ofSeconds(900)), Duration.ofSeconds(1)));
    long start = System.nanoTime();
    assertThatThrownBy(() -> runner.run(HookPoint.PRE_BUILD, HookFixture.context()))
        .hasMessageStartingWith("Hook `pre-build` failed: timed out after 1s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void backgroundChildHoldingThePipeDoesNotKeepSextantWaiting() throws Exception {
    fixture.hook("post-deploy", "sleep 60 &\necho $! > '" + childPid + "'\necho bye\nexit 0");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.VERBOSE));
    long start = System.nanoTime();
    runner.run(HookPoint.POST_DEPLOY, HookFixture.context());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(fixture.stdout()).contains("[post-deploy] bye");
    assertThat(childAlive()).as("a hook may leave a daemon behind, as in Kamal").isTrue();
  }

  /** Runs a pre-deploy hook that forks a background child, on another thread; returns once the child is up. */
  private CompletableFuture<Throwable> startForkingPreDeploy(HookRunner runner) {
    fixture.hook("pre-deploy", "sleep 300 &\necho $! > '" + childPid + "'\nsleep 300");
    CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
      try {
        runner.run(HookPoint.PRE_DEPLOY, HookFixture.context());
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(childPid) && Files.size(childPid) > 0);
    return run;
  }

  @Test
  void terminateRunningStopsTheHooksGroup() throws Exception {
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL));
    CompletableFuture<Throwable> run = startForkingPreDeploy(runner);
    runner.terminateRunning();
    assertThat(run.get()).isInstanceOf(HookFailedException.class).hasMessageContaining("killed by SIGTERM");
    await().atMost(Duration.ofSeconds(2)).until(() -> !childAlive());
  }

  @Test
  void ctrlCReachingOnlySextantsProcessGroupStillStopsTheHook() throws Exception {
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL));
    CompletableFuture<Throwable> run = startForkingPreDeploy(runner);
    // the terminal's SIGINT goes to Sextant's foreground group, where only the setsid wrapper lives
    ProcessHandle wrapper = ProcessHandle.current().children()
        .filter(p -> p.info().command().orElse("").endsWith("setsid")).findFirst().orElseThrow();
    new ProcessBuilder("kill", "-INT", Long.toString(wrapper.pid())).start().waitFor();
    assertThat(run.get()).isInstanceOf(HookFailedException.class).hasMessageContaining("killed by SIGINT");
    await().atMost(Duration.ofSeconds(2)).until(() -> !childAlive());
  }

  @Test
  void withoutSetsidATimeoutStillStopsTheScriptAndItsChildren() throws Exception {
    Path script = fixture.hook("pre-build", "sleep 300 &\necho $! > '" + childPid + "'\nsleep 300");
    HookProcess process = HookProcess.start(script, System.getenv(), fixture.project, line -> { }, false);
    long start = System.nanoTime();
    HookScriptResult result = process.await(Duration.ofSeconds(1), Duration.ofSeconds(2), null, elapsed -> { });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(result.timedOut()).isTrue();
    assertThat(result.signal()).isEqualTo(15);
    await().atMost(Duration.ofSeconds(2)).until(() -> !childAlive());
  }

  @Test
  void withoutSetsidExitCodesAreStillReported() throws Exception {
    Path script = fixture.hook("pre-build", "echo out\nexit 3");
    HookScriptResult result = HookProcess.start(script, System.getenv(), fixture.project, line -> { }, false)
        .await(null, Duration.ofSeconds(1), null, elapsed -> { });
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.outputTail()).containsExactly("out");
  }

  @Test
  void warnsWhileAHookRunsLongWithTheLockHeld() {
    fixture.hook("pre-deploy", "sleep 1");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL)
        .withLockWarningInterval(Duration.ofMillis(300)));
    runner.run(HookPoint.PRE_DEPLOY, HookFixture.context().withLock(true, "t"));
    assertThat(fixture.stderr()).contains("Hook `pre-deploy` is still running after")
        .contains("while the deploy lock is held");
  }

  @Test
  void noWarningWithoutTheLock() {
    fixture.hook("pre-build", "sleep 1");
    fixture.runner(fixture.settings(Verbosity.NORMAL).withLockWarningInterval(Duration.ofMillis(300)))
        .run(HookPoint.PRE_BUILD, HookFixture.context());
    assertThat(fixture.stderr()).isEmpty();
  }
}

package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.console.Verbosity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookRunnerTest {
  @TempDir Path temp;
  HookFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new HookFixture(temp);
  }

  @Test
  void runsTheHookWithNoArgumentsInTheWorkingDirectoryWithStdinAtEof() {
    fixture.recordingHook("pre-build", "");
    fixture.runner(fixture.settings(Verbosity.NORMAL)).run(HookPoint.PRE_BUILD, HookFixture.context());
    assertThat(fixture.read("pre-build.argv")).isEqualTo("0:\n");
    assertThat(fixture.read("pre-build.cwd").strip()).isEqualTo(fixture.project.toString());
    assertThat(fixture.read("pre-build.stdin")).isEmpty();
  }

  @Test
  void givesInheritedEnvironmentPlusKamalVariables() {
    fixture.recordingHook("pre-deploy", "");
    HookContext context = HookFixture.context().withLock(true, "token-42").withPreviousVersion("aaaa");
    fixture.runner(fixture.settings(Verbosity.NORMAL)).run(HookPoint.PRE_DEPLOY, context);
    Map<String, String> env = fixture.recordedEnv("pre-deploy");
    assertThat(env).containsEntry("PATH", System.getenv("PATH"))
        .containsEntry("KAMAL_SERVICE", "app")
        .containsEntry("KAMAL_VERSION", "0123456789abcdef")
        .containsEntry("KAMAL_SERVICE_VERSION", "app@0123456")
        .containsEntry("KAMAL_HOSTS", "web1,web2")
        .containsEntry("KAMAL_COMMAND", "deploy")
        .containsEntry("KAMAL_PERFORMER", "dev@example.com")
        .containsEntry("KAMAL_LOCK", "true")
        .containsEntry("KAMAL_LOCK_TOKEN", "token-42")
        .containsEntry("KAMAL_PREVIOUS_VERSION", "aaaa")
        .containsEntry("KAMAL_HOOK", "pre-deploy")
        .containsKey("KAMAL_HOOK_CONTEXT");
    assertThat(env.get("KAMAL_RECORDED_AT")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(System.getenv()).doesNotContainKey("KAMAL_HOOK");
  }

  @Test
  void recordedAtIsComputedForEachRun() {
    fixture.recordingHook("pre-build", "");
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now.get(); }
    };
    HookSettings settings = fixture.settings(Verbosity.NORMAL);
    HookRunner runner = new HookRunner(settings, fixture.console(Verbosity.NORMAL), clock, System.getenv());
    runner.run(HookPoint.PRE_BUILD, HookFixture.context());
    assertThat(fixture.recordedEnv("pre-build")).containsEntry("KAMAL_RECORDED_AT", "2026-01-01T00:00:00Z");
    now.set(Instant.parse("2026-01-01T00:00:07Z"));
    runner.run(HookPoint.PRE_BUILD, HookFixture.context());
    assertThat(fixture.recordedEnv("pre-build")).containsEntry("KAMAL_RECORDED_AT", "2026-01-01T00:00:07Z");
  }

  @Test
  void secretsReachOnlyTheThreeSecretHooks() {
    for (HookPoint hook : HookPoint.values()) {
      fixture.recordingHook(hook.hookName(), "");
    }
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL)
        .withSecrets(() -> Map.of("DB_PASSWORD", "hunter2-secret")));
    for (HookPoint hook : HookPoint.values()) {
      runner.run(hook, HookFixture.context());
      Map<String, String> env = fixture.recordedEnv(hook.hookName());
      if (hook == HookPoint.PRE_CONNECT || hook == HookPoint.PRE_DEPLOY || hook == HookPoint.POST_DEPLOY) {
        assertThat(env).as(hook.hookName()).containsEntry("DB_PASSWORD", "hunter2-secret");
      } else {
        assertThat(env).as(hook.hookName()).doesNotContainKey("DB_PASSWORD");
      }
    }
  }

  @Test
  void missingHookIsSilentlySkipped() {
    fixture.runner(fixture.settings(Verbosity.VERBOSE)).run(HookPoint.PRE_DEPLOY, HookFixture.context());
    assertThat(fixture.stdout()).isEmpty();
    assertThat(fixture.stderr()).isEmpty();
    assertThat(fixture.project.resolve(".kamal/hooks.log")).doesNotExist();
  }

  @Test
  void nonExecutableHookFailsWithTheFix() {
    HookFixture.script(fixture.hooks.resolve("pre-deploy"), "#!/bin/sh\nexit 0\n", "rw-r--r--");
    assertThatThrownBy(() -> fixture.runner(fixture.settings(Verbosity.NORMAL))
        .run(HookPoint.PRE_DEPLOY, HookFixture.context()))
        .isInstanceOf(InvalidHookException.class)
        .hasMessage("Hook `pre-deploy` cannot run: .kamal/hooks/pre-deploy is not executable:"
            + " run chmod +x .kamal/hooks/pre-deploy");
  }

  @Test
  void directoryNamedLikeAHookFailsWithTheFix() throws Exception {
    Files.createDirectories(fixture.hooks.resolve("pre-build"));
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL));
    assertThatThrownBy(() -> runner.run(HookPoint.PRE_BUILD, HookFixture.context()))
        .isInstanceOf(InvalidHookException.class)
        .hasMessageContaining(".kamal/hooks/pre-build is a directory")
        .hasMessageContaining(".kamal/hooks/pre-build.d/");
    assertThat(runner.problems()).hasSize(1);
    assertThatThrownBy(runner::checkRunnable).isInstanceOf(InvalidHookException.class);
  }

  @Test
  void failureNamesTheHookAndExitCodeThenTheRedactedOutputTail() {
    fixture.hook("pre-deploy", "echo 'connecting with hunter2-secret'\necho 'oops' >&2\nexit 3");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL)
        .withSecrets(() -> Map.of("TOKEN", "hunter2-secret")));
    assertThatThrownBy(() -> runner.run(HookPoint.PRE_DEPLOY, HookFixture.context()))
        .isInstanceOf(HookFailedException.class)
        .hasMessage("Hook `pre-deploy` failed with exit code 3\nLast output of .kamal/hooks/pre-deploy:\n"
            + "  connecting with [REDACTED]\n  oops")
        .satisfies(e -> assertThat(((HookFailedException) e).exitCode()).isEqualTo(1));
  }

  @Test
  void reportsRealExitCodesAndSignals() {
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.QUIET));
    Map<String, String> cases = Map.of(
        "exit 1", "failed with exit code 1",
        "exit 126", "failed with exit code 126",
        "exit 137", "failed with exit code 137",
        "kill -KILL $$", "failed: killed by SIGKILL",
        "kill -TERM $$", "failed: killed by SIGTERM",
        "kill -SEGV $$", "failed: killed by SIGSEGV");
    cases.forEach((body, expected) -> {
      fixture.hook("pre-build", body);
      assertThatThrownBy(() -> runner.run(HookPoint.PRE_BUILD, HookFixture.context()))
          .as(body)
          .isInstanceOf(HookFailedException.class)
          .hasMessageStartingWith("Hook `pre-build` " + expected + "\n");
    });
  }

  @Test
  void emptyOutputIsSaidSo() {
    fixture.hook("pre-build", "exit 1");
    assertThatThrownBy(() -> fixture.runner(fixture.settings(Verbosity.NORMAL))
        .run(HookPoint.PRE_BUILD, HookFixture.context()))
        .hasMessage("Hook `pre-build` failed with exit code 1\n.kamal/hooks/pre-build wrote nothing");
  }

  @Test
  void longLinesAreCutAndCrlfIsTrimmed() {
    fixture.hook("pre-build", "printf 'windows\\r\\n'\nhead -c 4500 /dev/zero | tr '\\0' x\nexit 1");
    assertThatThrownBy(() -> fixture.runner(fixture.settings(Verbosity.NORMAL))
        .run(HookPoint.PRE_BUILD, HookFixture.context()))
        .satisfies(e -> assertThat(((HookFailedException) e).result().outputTail()).containsExactly(
            "windows", "x".repeat(2000) + "…", "x".repeat(2000) + "…", "x".repeat(500)));
  }

  @Test
  void noShebangRunsUnderSh() {
    HookFixture.script(fixture.hooks.resolve("pre-build"),
        "echo ran > '" + fixture.records.resolve("nosh") + "'\n", "rwxr-xr-x");
    fixture.runner(fixture.settings(Verbosity.NORMAL)).run(HookPoint.PRE_BUILD, HookFixture.context());
    assertThat(fixture.read("nosh")).isEqualTo("ran\n");
  }

  @Test
  void skipHooksSkipsEverythingIncludingPreConnectVisiblyAtVerbose() {
    fixture.recordingHook("pre-connect", "");
    fixture.recordingHook("pre-deploy", "");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.VERBOSE).withSkips(true, List.of()));
    runner.preConnectOnce(HookFixture.context());
    runner.run(HookPoint.PRE_DEPLOY, HookFixture.context());
    assertThat(fixture.runs("pre-connect")).isZero();
    assertThat(fixture.runs("pre-deploy")).isZero();
    assertThat(runner.connected()).isTrue();
    assertThat(fixture.stdout()).contains("Skipping hook pre-connect (--skip-hooks)")
        .contains("Skipping hook pre-deploy (--skip-hooks)");
  }

  @Test
  void skipHookPatternSkipsOnlyMatchingHooks() {
    fixture.recordingHook("pre-deploy", "");
    fixture.recordingHook("post-deploy", "");
    fixture.recordingHook("post-app-boot", "");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL).withSkips(false, List.of("post-*")));
    runner.run(HookPoint.PRE_DEPLOY, HookFixture.context());
    runner.run(HookPoint.POST_APP_BOOT, HookFixture.context());
    runner.run(HookPoint.POST_DEPLOY, HookFixture.context());
    assertThat(fixture.runs("pre-deploy")).isEqualTo(1);
    assertThat(fixture.runs("post-deploy")).isZero();
    assertThat(fixture.runs("post-app-boot")).isZero();
    assertThat(fixture.stdout()).doesNotContain("Skipping");
  }

  @Test
  void preConnectRunsOncePerProcessWithoutTheLock() {
    fixture.recordingHook("pre-connect", "");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL).withSecrets(() -> Map.of("S", "v")));
    runner.preConnectOnce(HookFixture.context().withLock(true, "t"));
    runner.preConnectOnce(HookFixture.context());
    assertThat(fixture.runs("pre-connect")).isEqualTo(1);
    assertThat(fixture.recordedEnv("pre-connect")).containsEntry("KAMAL_LOCK", "false")
        .doesNotContainKey("KAMAL_LOCK_TOKEN").containsEntry("S", "v");
  }

  @Test
  void failedPreConnectLeavesTheProcessUnconnected() {
    fixture.hook("pre-connect", "exit 1");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL));
    assertThatThrownBy(() -> runner.preConnectOnce(HookFixture.context())).isInstanceOf(HookFailedException.class);
    assertThat(runner.connected()).isFalse();
  }

  @Test
  void bestEffortReportsButNeverThrows() {
    fixture.hook("post-deploy-failure", "echo notify failed\nexit 4");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL));
    var failure = runner.runBestEffort(HookPoint.POST_DEPLOY_FAILURE,
        HookFixture.context().withFailure("Health check failed", "app boot", List.of("web1")));
    assertThat(failure).get().extracting(Throwable::getMessage).asString()
        .startsWith("Hook `post-deploy-failure` failed with exit code 4").contains("notify failed");
    assertThat(fixture.stderr()).as("the caller reports it next to the original error").isEmpty();
  }

  @Test
  void failureHookGetsTheRedactedErrorInItsEnvironment() {
    fixture.recordingHook("post-deploy-failure", "");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL)
        .withSecrets(() -> Map.of("PW", "s3cr3t-value")));
    runner.runBestEffort(HookPoint.POST_DEPLOY_FAILURE, HookFixture.context()
        .withFailure("login with s3cr3t-value refused\nmore", "pre-deploy", List.of("web1", "web2"))
        .withRuntime(Duration.ofSeconds(12)));
    assertThat(fixture.recordedEnv("post-deploy-failure"))
        .containsEntry("KAMAL_ERROR", "login with [REDACTED] refused")
        .containsEntry("KAMAL_FAILED_STEP", "pre-deploy")
        .containsEntry("KAMAL_FAILED_HOSTS", "web1,web2")
        .containsEntry("KAMAL_RUNTIME", "12")
        .doesNotContainKey("PW");
  }

  @Test
  void onceStoppingNoHookStartsButTheFailureHook() {
    fixture.recordingHook("pre-deploy", "");
    fixture.recordingHook("post-deploy-failure", "");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL));
    runner.terminateRunning();

    assertThatThrownBy(() -> runner.run(HookPoint.PRE_DEPLOY, HookFixture.context()))
        .isInstanceOf(HookFailedException.class).hasMessageContaining("not started: Sextant is stopping");
    assertThat(runner.runBestEffort(HookPoint.POST_DEPLOY_FAILURE,
        HookFixture.context().withFailure("interrupted", "pre-deploy", List.of()))).isEmpty();
    assertThat(fixture.recordedEnv("post-deploy-failure")).containsEntry("KAMAL_ERROR", "interrupted");
  }

  @Test
  void projectBinComesFirstOnThePathOfHooksOnlyWhenItExists() throws Exception {
    fixture.recordingHook("pre-build", "");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL));
    runner.run(HookPoint.PRE_BUILD, HookFixture.context());
    assertThat(fixture.recordedEnv("pre-build")).containsEntry("PATH", System.getenv("PATH"));
    assertThat(runner.projectBin()).isEmpty();

    Path bin = fixture.project.resolve(".kamal/bin");
    HookFixture.script(bin.resolve("greet"), "#!/bin/sh\necho \"hello $1\"\n", "rwxr-xr-x");
    fixture.hook("pre-deploy", "greet world > '" + fixture.records.resolve("greeting") + "'");
    runner.run(HookPoint.PRE_DEPLOY, HookFixture.context());
    assertThat(fixture.read("greeting")).isEqualTo("hello world\n");
    assertThat(runner.projectBin()).contains(bin.toAbsolutePath().normalize());
    assertThat(System.getenv("PATH")).doesNotContain(bin.toString());
  }
}

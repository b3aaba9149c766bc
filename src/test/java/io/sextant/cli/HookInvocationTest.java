package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.SextantException;
import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.DeployConfig;
import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code KAMAL_LOCK} per hook and command as Kamal has it: true only while the lock is held, used by {@code hooks env}.
 */
class HookInvocationTest {
  @Test
  void deployHoldsTheLockOnlyBetweenPreDeployAndTheAppBootHooks() {
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_CONNECT, "deploy")).isFalse();
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_BUILD, "deploy")).isFalse();
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_DEPLOY, "deploy")).isTrue();
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_APP_BOOT, "deploy")).isTrue();
    assertThat(HookInvocation.lockHeld(HookPoint.POST_APP_BOOT, "rollback")).isTrue();
    assertThat(HookInvocation.lockHeld(HookPoint.POST_DEPLOY, "redeploy")).isFalse();
    assertThat(HookInvocation.lockHeld(HookPoint.POST_DEPLOY_FAILURE, "deploy")).isFalse();
  }

  @Test
  void setupHoldsItForEverythingButPreConnect() {
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_CONNECT, "setup")).isFalse();
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_BUILD, "setup")).isTrue();
    assertThat(HookInvocation.lockHeld(HookPoint.DOCKER_SETUP, "setup")).isTrue();
    assertThat(HookInvocation.lockHeld(HookPoint.POST_DEPLOY, "setup")).isTrue();
  }

  @Test
  void otherCommands() {
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_BUILD, "build")).isFalse();
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_PROXY_REBOOT, "proxy")).isTrue();
    assertThat(HookInvocation.lockHeld(HookPoint.DOCKER_SETUP, "server")).isTrue();
  }

  @Test
  void defaultCommandIsTheFirstThatFiresTheHook() {
    assertThat(HookInvocation.defaultCommand(HookPoint.PRE_CONNECT)).isEqualTo("deploy");
    assertThat(HookInvocation.defaultCommand(HookPoint.PRE_PROXY_REBOOT)).isEqualTo("proxy reboot");
    assertThat(HookInvocation.defaultCommand(HookPoint.DOCKER_SETUP)).isEqualTo("setup");
  }

  @Test
  void unknownHookNamesAreUsageErrors() {
    assertThatThrownBy(() -> HookInvocation.hook("pre_deploy"))
        .isInstanceOf(SextantException.class)
        .satisfies(e -> assertThat(((SextantException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void theReleaseCommandIsPendingBeforeTheBootDoneAfterItAndSkippedStaysSkipped() {
    HookContext deploy = HookContext.of("app", "v1", null, List.of("h1"), null, Map.of("web", List.of("h1")),
        "deploy", null, "dev@example.com");
    HookContext.Release release = new HookContext.Release("bin/migrate", "web", "h1", null, "pending");
    assertThat(HookInvocation.withReleaseStatus(HookPoint.PRE_DEPLOY, deploy.withRelease(release)).release()
        .status()).isEqualTo("pending");
    assertThat(HookInvocation.withReleaseStatus(HookPoint.POST_APP_BOOT, deploy.withRelease(release)).release()
        .status()).isEqualTo("succeeded");
    assertThat(HookInvocation.withReleaseStatus(HookPoint.POST_DEPLOY, deploy.withRelease(release)).release()
        .status()).isEqualTo("succeeded");
    HookContext.Release skipped = new HookContext.Release("bin/migrate", "web", null, null, "skipped");
    assertThat(HookInvocation.withReleaseStatus(HookPoint.POST_DEPLOY, deploy.withRelease(skipped)).release()
        .status()).isEqualTo("skipped");
    assertThat(HookInvocation.withReleaseStatus(HookPoint.POST_DEPLOY, deploy).release()).isNull();
  }

  @Test
  void hooksEnvShowsTheReleaseCommandOnlyInTheCommandsThatRunIt(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/deploy.yml"), """
        service: app
        image: acme/app
        servers: [10.0.0.1, 10.0.0.2]
        registry: {username: u, password: p}
        builder: {arch: amd64}
        x-release:
          command: bin/migrate
          timeout: 30
        """);
    DeployConfig config = ConfigLoader.load(new ConfigRequest(dir, null, null, "v1", Map.of())).config();
    Map<String, List<String>> roles = Map.of("web", List.of("10.0.0.2"));
    HookContext rollback = HookContext.of("app", "v1", null, List.of("10.0.0.2"), null, roles, "rollback", null,
        "dev@example.com");
    assertThat(HookProjects.withRelease(config, rollback).release())
        .isEqualTo(new HookContext.Release("bin/migrate", "web", "10.0.0.2", 30, "pending"));
    HookContext appBoot = HookContext.of("app", "v1", null, List.of("10.0.0.2"), null, roles, "app", "boot",
        "dev@example.com");
    assertThat(HookProjects.withRelease(config, appBoot).release()).isNull();
  }
}

package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HookEnvironmentTest {
  private static final Instant NOW = Instant.parse("2026-06-18T12:00:00.789Z");
  private final HookContext deploy = HookContext.of("app", "0123456789abcdef", null,
      List.of("web1", "web2", "job1"), null, Map.of("web", List.of("web1", "web2"), "job", List.of("job1")),
      "deploy", null, "dev@example.com");

  @Test
  void matchesKamalsBaseSetForVersion123() {
    HookContext context = HookContext.of("app", "123", null, List.of("1.1.1.1"), null, Map.of(), "deploy", null,
        "dev@example.com");
    assertThat(HookEnvironment.variables(HookPoint.PRE_BUILD, context, NOW, null)).containsExactly(
        Map.entry("KAMAL_RECORDED_AT", "2026-06-18T12:00:00Z"),
        Map.entry("KAMAL_PERFORMER", "dev@example.com"),
        Map.entry("KAMAL_VERSION", "123"),
        Map.entry("KAMAL_SERVICE_VERSION", "app@123"),
        Map.entry("KAMAL_SERVICE", "app"),
        Map.entry("KAMAL_HOSTS", "1.1.1.1"),
        Map.entry("KAMAL_COMMAND", "deploy"),
        Map.entry("KAMAL_LOCK", "false"),
        Map.entry("KAMAL_HOOK", "pre-build"));
  }

  @Test
  void serviceVersionTakesSevenCharsUnlessTheVersionHasAnUnderscore() {
    assertThat(deploy.serviceVersion()).isEqualTo("app@0123456");
    assertThat(deploy.withVersion("abcdef1234_uncommitted_0011223344556677").serviceVersion())
        .isEqualTo("app@abcdef1234_uncommitted_0011223344556677");
    assertThat(deploy.withVersion("latest").serviceVersion()).isEqualTo("app@latest");
  }

  @Test
  void destinationSubcommandAndRolesOnlyWhenGiven() {
    Map<String, String> plain = HookEnvironment.variables(HookPoint.PRE_DEPLOY, deploy, NOW, null);
    assertThat(plain).doesNotContainKeys("KAMAL_DESTINATION", "KAMAL_SUBCOMMAND", "KAMAL_ROLES", "KAMAL_ROLE");
    HookContext targeted = HookContext.of("app", "v1", "staging", List.of("job1"), List.of("job", "web"),
        Map.of(), "app", "boot", "me");
    Map<String, String> vars = HookEnvironment.variables(HookPoint.PRE_APP_BOOT, targeted, NOW, null);
    assertThat(vars).containsEntry("KAMAL_DESTINATION", "staging")
        .containsEntry("KAMAL_COMMAND", "app")
        .containsEntry("KAMAL_SUBCOMMAND", "boot")
        .containsEntry("KAMAL_ROLES", "job,web")
        .containsEntry("KAMAL_ROLE", "job,web");
  }

  @Test
  void lockTokenOnlyWhileTheLockIsHeld() {
    Map<String, String> held = HookEnvironment.variables(HookPoint.PRE_DEPLOY, deploy.withLock(true, "tok-1"),
        NOW, null);
    assertThat(held).containsEntry("KAMAL_LOCK", "true").containsEntry("KAMAL_LOCK_TOKEN", "tok-1");
    Map<String, String> released = HookEnvironment.variables(HookPoint.POST_DEPLOY,
        deploy.withLock(true, "tok-1").withLock(false, "tok-1"), NOW, null);
    assertThat(released).containsEntry("KAMAL_LOCK", "false").doesNotContainKey("KAMAL_LOCK_TOKEN");
  }

  @Test
  void runtimeIsWholeSecondsRoundedHalfUpAndOnlyForPostDeploy() {
    HookContext timed = deploy.withRuntime(Duration.ofMillis(37_500));
    assertThat(HookEnvironment.variables(HookPoint.POST_DEPLOY, timed, NOW, null))
        .containsEntry("KAMAL_RUNTIME", "38");
    assertThat(HookEnvironment.variables(HookPoint.POST_DEPLOY, deploy.withRuntime(Duration.ofMillis(37_499)), NOW,
        null)).containsEntry("KAMAL_RUNTIME", "37");
    assertThat(HookEnvironment.variables(HookPoint.PRE_DEPLOY, timed, NOW, null))
        .doesNotContainKey("KAMAL_RUNTIME");
    assertThat(HookEnvironment.variables(HookPoint.POST_DEPLOY_FAILURE, timed, NOW, null))
        .containsEntry("KAMAL_RUNTIME", "38");
  }

  @Test
  void groupHostsReplaceTheSelectedHosts() {
    HookContext grouped = deploy.withGroupHosts(List.of("web2"));
    assertThat(HookEnvironment.variables(HookPoint.PRE_APP_BOOT, grouped, NOW, null))
        .containsEntry("KAMAL_HOSTS", "web2");
    assertThat(HookEnvironment.variables(HookPoint.POST_DEPLOY, deploy, NOW, null))
        .containsEntry("KAMAL_HOSTS", "web1,web2,job1");
  }

  @Test
  void failureVariablesOnlyForTheFailureHookWithAOneLineError() {
    HookContext failed = deploy.withFailure("\nHealth check failed on web2\n  details...", "app boot",
        List.of("web2", "job1")).withPreviousVersion("fedcba9");
    assertThat(HookEnvironment.variables(HookPoint.POST_DEPLOY_FAILURE, failed, NOW, null))
        .containsEntry("KAMAL_ERROR", "Health check failed on web2")
        .containsEntry("KAMAL_FAILED_STEP", "app boot")
        .containsEntry("KAMAL_FAILED_HOSTS", "web2,job1")
        .containsEntry("KAMAL_PREVIOUS_VERSION", "fedcba9")
        .containsEntry("KAMAL_HOOK", "post-deploy-failure");
    assertThat(HookEnvironment.variables(HookPoint.POST_DEPLOY, failed, NOW, null))
        .doesNotContainKeys("KAMAL_ERROR", "KAMAL_FAILED_STEP", "KAMAL_FAILED_HOSTS");
  }

  @Test
  void contextFileAndDryRun() {
    assertThat(HookEnvironment.variables(HookPoint.PRE_DEPLOY, deploy.withDryRun(true), NOW, Path.of("/tmp/c.json")))
        .containsEntry("KAMAL_HOOK_CONTEXT", "/tmp/c.json")
        .containsEntry("KAMAL_HOOK_DRY_RUN", "1");
    assertThat(HookEnvironment.variables(HookPoint.PRE_DEPLOY, deploy, NOW, null))
        .doesNotContainKeys("KAMAL_HOOK_CONTEXT", "KAMAL_HOOK_DRY_RUN");
  }

  @Test
  void secretsOnlyInTheThreeHooksAndTheyOverrideVariablesAsInKamal() {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("DB_PASSWORD", "secret");
    secrets.put("KAMAL_SERVICE", "overridden");
    for (HookPoint hook : HookPoint.values()) {
      Map<String, String> env = HookEnvironment.build(hook, deploy, NOW, Map.of(), secrets, null);
      if (hook.receivesSecrets()) {
        assertThat(env).containsEntry("DB_PASSWORD", "secret").containsEntry("KAMAL_SERVICE", "overridden");
      } else {
        assertThat(env).doesNotContainKey("DB_PASSWORD").containsEntry("KAMAL_SERVICE", "app");
      }
    }
  }

  @Test
  void inheritsTheEnvironmentButDropsStaleKamalVariablesWithoutChangingTheInput() {
    Map<String, String> inherited = new HashMap<>();
    inherited.put("PATH", "/usr/bin");
    inherited.put("KAMAL_DESTINATION", "stale");
    inherited.put("KAMAL_RUNTIME", "99");
    inherited.put("KAMAL_CUSTOM", "mine");
    Map<String, String> copy = Map.copyOf(inherited);
    Map<String, String> env = HookEnvironment.build(HookPoint.PRE_DEPLOY, deploy, NOW, inherited, Map.of(), null);
    assertThat(env).containsEntry("PATH", "/usr/bin").containsEntry("KAMAL_CUSTOM", "mine")
        .doesNotContainKeys("KAMAL_DESTINATION", "KAMAL_RUNTIME");
    assertThat(inherited).isEqualTo(copy);
  }

  @Test
  void recordedAtIsUtcSecondsWithZ() {
    assertThat(HookEnvironment.recordedAt(Instant.parse("2026-01-02T03:04:05.999Z")))
        .isEqualTo("2026-01-02T03:04:05Z");
  }
}

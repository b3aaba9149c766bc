package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.console.Verbosity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several scripts per hook point (B2), the context file (B5) and the local audit log (B7). */
class HookFoldersTest {
  @TempDir Path temp;
  HookFixture fixture;
  Path order;

  @BeforeEach
  void setUp() {
    fixture = new HookFixture(temp);
    order = fixture.records.resolve("order");
  }

  private void step(String relative, String extra) {
    fixture.hook(relative, "echo " + relative + " >> '" + order + "'\n" + extra);
  }

  @Test
  void runsTheHookFileThenTheFolderInNameOrderSkippingSamplesAndNonExecutables() throws Exception {
    step("pre-deploy", "");
    step("pre-deploy.d/20-second", "");
    step("pre-deploy.d/10-first", "");
    step("pre-deploy.d/15-example.sample", "");
    HookFixture.script(fixture.hooks.resolve("pre-deploy.d/30-disabled"), "#!/bin/sh\nexit 1\n", "rw-r--r--");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.VERBOSE));
    runner.run(HookPoint.PRE_DEPLOY, HookFixture.context());
    assertThat(Files.readAllLines(order))
        .containsExactly("pre-deploy", "pre-deploy.d/10-first", "pre-deploy.d/20-second");
    assertThat(fixture.stdout()).contains("Skipping pre-deploy.d/15-example.sample (sample file)")
        .contains("Skipping pre-deploy.d/30-disabled (not executable (chmod +x");
  }

  @Test
  void folderWorksWithoutTheHookFile() throws Exception {
    step("post-deploy.d/a", "");
    fixture.runner(fixture.settings(Verbosity.NORMAL)).run(HookPoint.POST_DEPLOY, HookFixture.context());
    assertThat(Files.readAllLines(order)).containsExactly("post-deploy.d/a");
  }

  @Test
  void firstFailureStopsTheRestAndNamesTheScript() throws Exception {
    step("pre-deploy.d/10-ok", "");
    step("pre-deploy.d/20-fails", "echo migration broke\nexit 5");
    step("pre-deploy.d/30-never", "");
    assertThatThrownBy(() -> fixture.runner(fixture.settings(Verbosity.NORMAL))
        .run(HookPoint.PRE_DEPLOY, HookFixture.context()))
        .isInstanceOf(HookFailedException.class)
        .hasMessageStartingWith("Hook `pre-deploy` (pre-deploy.d/20-fails) failed with exit code 5\n"
            + "Last output of .kamal/hooks/pre-deploy.d/20-fails:\n  migration broke")
        .satisfies(e -> assertThat(((HookFailedException) e).script()).isEqualTo("pre-deploy.d/20-fails"));
    assertThat(Files.readAllLines(order)).containsExactly("pre-deploy.d/10-ok", "pre-deploy.d/20-fails");
  }

  @Test
  void timeoutAppliesToEachScript() throws Exception {
    step("pre-build.d/1", "sleep 0.7");
    step("pre-build.d/2", "sleep 0.7");
    fixture.runner(fixture.settings(Verbosity.NORMAL).withTimeouts(Duration.ofSeconds(1), Map.of(), null))
        .run(HookPoint.PRE_BUILD, HookFixture.context());
    assertThat(Files.readAllLines(order)).hasSize(2);
  }

  @Test
  void contextFileIsPrivateJsonAndDeletedAfterTheHook() throws Exception {
    Path copy = fixture.records.resolve("context.json");
    Path mode = fixture.records.resolve("mode");
    Path where = fixture.records.resolve("where");
    fixture.hook("post-deploy-failure", "cp \"$KAMAL_HOOK_CONTEXT\" '" + copy + "'\n"
        + "stat -c %a \"$KAMAL_HOOK_CONTEXT\" > '" + mode + "'\necho \"$KAMAL_HOOK_CONTEXT\" > '" + where + "'");
    HookContext context = HookContext.of("app", "v2", "prod", List.of("web1", "job1"), List.of("web"),
            orderedRoles(), "deploy", null, "dev@example.com")
        .withPreviousVersion("v1")
        .withFailure("Health check failed using pw-SECRET", "app boot", List.of("web1"));
    fixture.runner(fixture.settings(Verbosity.NORMAL).withSecrets(() -> Map.of("PW", "pw-SECRET")))
        .run(HookPoint.POST_DEPLOY_FAILURE, context);
    assertThat(Files.readString(mode).strip()).isEqualTo("600");
    assertThat(Path.of(Files.readString(where).strip())).doesNotExist();
    String json = Files.readString(copy);
    assertThat(json).startsWith("{\"hook\":\"post-deploy-failure\",\"command\":\"deploy\",\"subcommand\":null,"
            + "\"destination\":\"prod\",\"service\":\"app\",\"version\":\"v2\",\"service_version\":\"app@v2\","
            + "\"previous_version\":\"v1\",")
        .contains("\"roles\":{\"web\":[\"web1\"],\"job\":[\"job1\"]}")
        .contains("\"selected_roles\":[\"web\"]")
        .contains("\"lock\":{\"held\":false,\"token\":null}")
        .contains("\"performer\":\"dev@example.com\"")
        .contains("\"error\":{\"message\":\"Health check failed using [REDACTED]\",\"step\":\"app boot\","
            + "\"hosts\":[\"web1\"]}")
        .doesNotContain("pw-SECRET");
  }

  @Test
  void auditLogHasOneJsonLinePerScriptRunOrSkipWithoutSecrets() throws Exception {
    fixture.hook("pre-deploy", "echo using pw-SECRET\nexit 0");
    fixture.hook("post-deploy", "exit 3");
    step("pre-deploy.d/x.sample", "");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL)
        .withSecrets(() -> Map.of("PW", "pw-SECRET")).withSkips(false, List.of("pre-build")));
    fixture.hook("pre-build", "exit 0");
    HookContext context = HookFixture.context().withVersion("ver-pw-SECRET");
    runner.run(HookPoint.PRE_BUILD, context);
    runner.run(HookPoint.PRE_DEPLOY, context);
    assertThatThrownBy(() -> runner.run(HookPoint.POST_DEPLOY, context)).isInstanceOf(HookFailedException.class);
    List<String> lines = HookAuditLog.tail(fixture.project.resolve(".kamal/hooks.log"), 0);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).matches("\\{\"hook\":\"pre-build\",\"script\":\"pre-build\",\"command\":\"deploy\","
        + "\"start\":\"[^\"]+\",\"duration_ms\":0,\"exit_code\":null,\"signal\":null,\"timed_out\":false,"
        + "\"skipped\":\"--skip-hook pre-build\",\"version\":\"ver-\\[REDACTED\\]\","
        + "\"performer\":\"dev@example.com\"}");
    assertThat(lines.get(1)).contains("\"script\":\"pre-deploy\"").contains("\"exit_code\":0")
        .contains("\"skipped\":null");
    assertThat(lines.get(2)).contains("\"script\":\"pre-deploy.d/x.sample\"").contains("\"skipped\":\"sample file\"");
    assertThat(lines.get(3)).contains("\"hook\":\"post-deploy\"").contains("\"exit_code\":3");
    assertThat(String.join("\n", lines)).doesNotContain("pw-SECRET");
    assertThat(HookAuditLog.tail(fixture.project.resolve(".kamal/hooks.log"), 2)).hasSize(2);
    assertThat(runner.auditSummary()).startsWith("hooks: pre-build skipped (--skip-hook pre-build), pre-deploy ok ")
        .contains("post-deploy failed (exit code 3)");
  }

  @Test
  void auditRecordsTheRealDurationAndMarksDryRuns() throws Exception {
    fixture.hook("pre-build", "sleep 0.4");
    fixture.runner(fixture.settings(Verbosity.NORMAL))
        .run(HookPoint.PRE_BUILD, HookFixture.context().withDryRun(true));
    Map<String, String> entry = HookAuditLog.parse(
        HookAuditLog.tail(fixture.project.resolve(".kamal/hooks.log"), 1).get(0));
    assertThat(Long.parseLong(entry.get("duration_ms"))).isBetween(400L, 5000L);
    assertThat(entry).containsEntry("command", "hooks run (as deploy)").containsEntry("exit_code", "0")
        .containsEntry("signal", null);
    assertThat(HookAuditLog.describe(HookAuditLog.tail(fixture.project.resolve(".kamal/hooks.log"), 1).get(0)))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  hooks run \\(as deploy\\)  pre-build  ok in 0\\.\\ds"
            + "  version 0123456789abcdef  by dev@example.com");
  }

  private static Map<String, List<String>> orderedRoles() {
    Map<String, List<String>> roles = new java.util.LinkedHashMap<>();
    roles.put("web", List.of("web1"));
    roles.put("job", List.of("job1"));
    return roles;
  }
}

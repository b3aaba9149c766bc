package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.deploy.DeployProject.HookRun;
import io.sextant.deploy.DeployProject.Run;
import io.sextant.deploy.HookChecks.Expected;
import io.sextant.testing.TestHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 6 end to end: the real launcher deploys a two-role app (web with a health check and {@code proxy: false},
 * workers) to two real hosts: {@code setup} with A, {@code deploy} B, {@code redeploy}, {@code rollback} A, a rollback
 * to a missing version, and a {@code boot.limit: 1} deploy. Each step checks the hooks in Kamal's order with their
 * variables and context (Kamal's deploy, redeploy, rollback and setup:
 * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L5-L110), what runs on every host, and that the
 * lock is gone. The tests run in order, each starting from what the previous left; the last checks that the registry
 * password never showed in any output, process list, or audit log of them all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployIT {
  private static final String SERVICE = "sxdi" + UUID.randomUUID().toString().substring(0, 6);
  private static final List<String> DEPLOY_HOOKS =
      List.of("pre-connect", "pre-build", "pre-deploy", "pre-app-boot", "post-app-boot", "post-deploy");

  static DeployProject project;
  private static HookChecks checks;
  private static List<String> allHosts;
  private static String versionA;
  private static String versionB;
  private static final List<Run> runs = new ArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    project = new DeployProject(SERVICE);
    checks = new HookChecks(project);
    allHosts = project.hosts.stream().map(TestHost::ip).toList();
    project.writeConfig("up", "");
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (project != null) {
      project.close();
    }
  }

  private static Run sextant(String... args) throws Exception {
    Run run = project.sextant(args);
    runs.add(run);
    return run;
  }

  @Test
  @Order(1)
  void setupOnFreshHostsRunsDockerSetupOnceAndDeploys() throws Exception {
    versionA = project.commitApp("A", "");
    Run run = sextant("setup");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<HookRun> hooks = project.hookRuns();
    assertThat(hooks).extracting(HookRun::hook).containsExactly("pre-connect", "docker-setup", "pre-build",
        "pre-deploy", "pre-app-boot", "post-app-boot", "post-deploy");
    for (HookRun hook : hooks) {
      // Setup holds the lock from its start to after post-deploy (Kamal's setup runs the deploy inside its own lock:
      // https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L5-L16).
      checks.check(hook, new Expected("setup", versionA, !hook.hook().equals("pre-connect"), allHosts, null));
    }
    assertThat(run.stdout()).contains("Ensure Docker is installed...");
    assertThat(run.stdout().split("  Finished all in ", -1)).as("inner deploy and outer setup").hasSize(3);
    assertRunningEverywhere(versionA);
    assertThat(project.lockPresent()).isFalse();
  }

  @Test
  @Order(2)
  void deployOfBReplacesAOnEveryHost() throws Exception {
    versionB = project.commitApp("B", "");
    int auditBefore = checks.auditLines().size();
    Run run = sextant("deploy", "-v");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<HookRun> hooks = project.hookRuns();
    assertThat(hooks).extracting(HookRun::hook).containsExactlyElementsOf(DEPLOY_HOOKS);
    checkDeployHooks(hooks, "deploy", versionB, versionA, run);
    assertRunningEverywhere(versionB);
    assertThat(project.lockPresent()).isFalse();

    // B7: one parseable line per hook run, in order, no secret.
    List<Map<String, Object>> audit = checks.auditLinesSince(auditBefore);
    assertThat(audit).extracting(line -> line.get("hook")).containsExactlyElementsOf(DEPLOY_HOOKS);
    for (Map<String, Object> line : audit) {
      assertThat(line).containsEntry("command", "deploy").containsEntry("exit_code", 0L)
          .containsEntry("skipped", null).containsEntry("performer", HookChecks.PERFORMER);
      assertThat(line.get("script")).isEqualTo(line.get("hook"));
    }
    assertThat(audit.subList(2, 6)).extracting(line -> line.get("version")).containsOnly(versionB);
  }

  @Test
  @Order(3)
  void redeployBootsTheVersionAgainWithTheSameHooks() throws Exception {
    Run run = sextant("redeploy");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<HookRun> hooks = project.hookRuns();
    assertThat(hooks).extracting(HookRun::hook).containsExactlyElementsOf(DEPLOY_HOOKS);
    checkDeployHooks(hooks, "redeploy", versionB, versionB, run);
    assertRunningEverywhere(versionB);
    assertThat(project.lockPresent()).isFalse();
  }

  @Test
  @Order(4)
  void rollbackToABootsItAgainWithoutBuilding() throws Exception {
    Run run = sextant("rollback", versionA);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).doesNotContain("Building");
    List<HookRun> hooks = project.hookRuns();
    assertThat(hooks).extracting(HookRun::hook)
        .containsExactly("pre-connect", "pre-deploy", "pre-app-boot", "post-app-boot", "post-deploy");
    // pre-connect fires at the lock, before the version becomes the rollback target (Kamal's rollback:
    // https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L87-L110).
    checks.check(hooks.get(0), new Expected("rollback", versionB, false, allHosts, null));
    checkLockedAndPostDeploy(hooks.subList(1, hooks.size()), "rollback", versionA, versionB, run);
    assertRunningEverywhere(versionA);
    assertThat(project.lockPresent()).isFalse();
  }

  @Test
  @Order(5)
  void rollbackToAVersionThatIsNotThereChangesNothingAndSucceeds() throws Exception {
    Run run = sextant("rollback", "nosuchversion");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.output()).contains("The app version 'nosuchversion' is not available as a container");
    assertThat(project.hookNames()).containsExactly("pre-connect");
    assertRunningEverywhere(versionA);
    assertThat(project.lockPresent()).isFalse();
  }

  @Test
  @Order(6)
  void bootLimitOneBootsHostAfterHost() throws Exception {
    project.writeConfig("up", "boot:\n  limit: 1\n");
    Run run = sextant("deploy", "--skip-push", "--version", versionB);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<HookRun> hooks = project.hookRuns();
    assertThat(hooks).extracting(HookRun::hook).containsExactly("pre-connect", "pre-deploy", "pre-app-boot",
        "post-app-boot", "pre-app-boot", "post-app-boot", "post-deploy");
    checks.check(hooks.get(0), new Expected("deploy", versionB, false, allHosts, null));
    checks.check(hooks.get(1), new Expected("deploy", versionB, true, allHosts, versionA));
    for (int i = 0; i < 2; i++) {
      List<String> group = List.of(allHosts.get(i));
      checks.check(hooks.get(2 + 2 * i), new Expected("deploy", versionB, true, group, versionA));
      checks.check(hooks.get(3 + 2 * i), new Expected("deploy", versionB, true, group, versionA));
    }
    checks.check(hooks.get(6), new Expected("deploy", versionB, false, allHosts, versionA));
    assertRunningEverywhere(versionB);
  }

  @Test
  @Order(7)
  void theRegistryPasswordNeverShows() throws Exception {
    assertThat(runs).hasSizeGreaterThanOrEqualTo(6);
    String password = project.password();
    for (Run run : runs) {
      assertThat(run.output()).as("output of sextant %s", run.args()).doesNotContain(password);
      assertThat(run.processes()).as("process list during sextant %s", run.args())
          .isNotEmpty()
          .noneMatch(line -> line.contains(password));
    }
    for (TestHost host : project.hosts) {
      String audit = project.remoteAudit(host);
      assertThat(audit).as("remote audit log on %s", host.ip()).contains("Deployed " + versionB)
          .doesNotContain(password);
    }
    assertThat(checks.auditLines()).isNotEmpty().noneMatch(line -> line.contains(password));
  }

  /**
   * deploy/redeploy (Kamal's main.rb#L21-L84): pre-connect and pre-build unlocked, then locked, post-deploy unlocked.
   */
  private void checkDeployHooks(List<HookRun> hooks, String command, String version, String previous, Run run) {
    checks.check(hooks.get(0), new Expected(command, version, false, allHosts, null));
    checks.check(hooks.get(1), new Expected(command, version, false, allHosts, null));
    checkLockedAndPostDeploy(hooks.subList(2, hooks.size()), command, version, previous, run);
  }

  /** pre-deploy, pre/post-app-boot (locked, one group of all hosts) and post-deploy (unlocked, with runtime). */
  private void checkLockedAndPostDeploy(List<HookRun> hooks, String command, String version, String previous,
      Run run) {
    for (HookRun hook : hooks.subList(0, 3)) {
      checks.check(hook, new Expected(command, version, true, allHosts, previous));
    }
    HookRun postDeploy = hooks.get(3);
    checks.check(postDeploy, new Expected(command, version, false, allHosts, previous));
    // KAMAL_RUNTIME is the printed runtime, rounded as Kamal's print_runtime and KAMAL_RUNTIME
    // (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L52); post-deploy runs after that line.
    double printed = HookChecks.finishedSeconds(run.stdout());
    assertThat(Double.parseDouble(postDeploy.var("KAMAL_RUNTIME"))).isCloseTo(printed,
        org.assertj.core.data.Offset.offset(0.51));
    assertThat(run.stdout().indexOf("  Finished all in")).isLessThan(run.stdout().indexOf("post-deploy"));
  }

  private static void assertRunningEverywhere(String version) {
    for (TestHost host : project.hosts) {
      assertThat(project.running(host)).as("running on %s", host.ip())
          .containsExactlyInAnyOrderElementsOf(project.containersOf(version));
    }
  }
}

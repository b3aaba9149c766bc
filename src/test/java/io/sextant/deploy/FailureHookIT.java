package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.deploy.DeployProject.HookRun;
import io.sextant.deploy.DeployProject.Run;
import io.sextant.deploy.HookChecks.Expected;
import io.sextant.testing.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * Issue 8 (and the failure half of issue 6) end to end: version A runs on two real hosts, B is in the registry;
 * then deploys of B fail at the build, in a {@code pre-deploy.d} script, at the web role's health check, at a
 * lost host and in {@code pre-app-boot}. Each time: exit status 1, the error names the step (and host),
 * {@code post-deploy-failure} fires exactly once with the right step and hosts after the lock is released (the
 * hook itself looks for the lock directory on the primary host), and the previous version keeps running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureHookIT {
  private static final String SERVICE = "sxfh" + UUID.randomUUID().toString().substring(0, 6);

  private static DeployProject project;
  private static HookChecks checks;
  private static List<String> allHosts;
  private static String versionA;
  private static String versionB;
  private static final List<Run> runs = new ArrayList<>();

  @BeforeAll
  static void deployAAndPushB() throws Exception {
    project = new DeployProject(SERVICE);
    checks = new HookChecks(project);
    allHosts = project.hosts.stream().map(TestHost::ip).toList();
    project.writeConfig("up", "");
    versionA = project.commitApp("A", "");
    Run deploy = sextant("deploy");
    assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
    versionB = project.commitApp("B", "");
    Run push = sextant("build", "push");
    assertThat(push.exitCode()).as(push.toString()).isZero();
    List<HookRun> hooks = project.hookRuns();
    assertThat(hooks).extracting(HookRun::hook).containsExactly("pre-connect", "pre-build");
    for (HookRun hook : hooks) {
      assertThat(hook.env()).containsEntry("KAMAL_COMMAND", "build").containsEntry("KAMAL_SUBCOMMAND", "push")
          .containsEntry("KAMAL_LOCK", "false").containsEntry("KAMAL_VERSION", versionB);
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (project != null) {
      for (TestHost host : project.hosts) {
        project.set.plug(host);
        project.set.start(host);
      }
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
  void preBuildFailureStopsBeforeTheBuild() throws Exception {
    project.failScript("pre-build");
    try {
      Run run = sextant("deploy");

      assertFailed(run, "Hook `pre-build` failed with exit code 3");
      assertThat(run.stdout()).doesNotContain("Building");
      assertThat(project.hookNames()).containsExactly("pre-connect", "pre-build", "post-deploy-failure");
      checkFailureHook("deploy", versionB, null, "pre-build", List.of(), "Hook `pre-build` failed with exit code 3");
      assertRunningEverywhere(versionA);
    } finally {
      project.clearFailures();
    }
  }

  @Test
  @Order(2)
  void buildFailure() throws Exception {
    String broken = project.commitApp("broken", "RUN exit 7");
    try {
      Run run = sextant("deploy");

      assertFailed(run, "docker build");
      assertThat(project.hookNames()).containsExactly("pre-connect", "pre-build", "post-deploy-failure");
      checkFailureHook("deploy", broken, null, "build", List.of(), "docker build");
      assertRunningEverywhere(versionA);
    } finally {
      project.git("reset", "-q", "--hard", versionB);
    }
  }

  @Test
  @Order(3)
  void preDeployFolderStopsAtTheFirstFailingScriptAndTheFailureHookCannotChangeTheOutcome() throws Exception {
    Path folder = project.dir.resolve(".kamal/hooks/pre-deploy.d");
    project.writeHook("pre-deploy.d/10-first", "10-first");
    project.writeHook("pre-deploy.d/20-off", "20-off");
    Files.setPosixFilePermissions(folder.resolve("20-off"), PosixFilePermissions.fromString("rw-r--r--"));
    project.writeHook("pre-deploy.d/30-fails", "30-fails");
    project.writeHook("pre-deploy.d/40-never", "40-never");
    project.failScript("30-fails");
    project.failScript("post-deploy-failure");
    int auditBefore = checks.auditLines().size();
    try {
      Run list = sextant("hooks", "list");
      assertThat(list.exitCode()).as(list.toString()).isZero();
      assertThat(list.stdout()).contains(
          "  .kamal/hooks/pre-deploy  runs",
          "  .kamal/hooks/pre-deploy.d/10-first  runs",
          "  .kamal/hooks/pre-deploy.d/20-off  skipped: not executable (chmod +x",
          "  .kamal/hooks/pre-deploy.d/30-fails  runs",
          "  .kamal/hooks/pre-deploy.d/40-never  runs");
      assertThat(list.stdout().indexOf("pre-deploy.d/10-first"))
          .isLessThan(list.stdout().indexOf("pre-deploy.d/20-off"))
          .isLessThan(list.stdout().indexOf("pre-deploy.d/30-fails"));

      Run run = sextant("deploy", "--skip-push", "--version", versionB);

      assertFailed(run, "Hook `pre-deploy` (pre-deploy.d/30-fails) failed with exit code 3");
      assertThat(run.stderr()).contains("post-deploy-failure");
      List<HookRun> hooks = project.hookRuns();
      assertThat(hooks).extracting(hook -> hook.hook() + "/" + hook.script()).containsExactly(
          "pre-connect/pre-connect", "pre-deploy/pre-deploy", "pre-deploy/10-first", "pre-deploy/30-fails",
          "post-deploy-failure/post-deploy-failure");
      checkFailureHook(versionB, "pre-deploy", List.of(), "Hook `pre-deploy` (pre-deploy.d/30-fails) failed");
      assertRunningEverywhere(versionA);

      List<Map<String, Object>> audit = checks.auditLinesSince(auditBefore);
      assertThat(audit).extracting(line -> line.get("script") + " " + line.get("exit_code") + " "
          + (line.get("skipped") == null ? "-" : "skipped")).containsExactly(
          "pre-connect 0 -", "pre-deploy 0 -", "pre-deploy.d/10-first 0 -", "pre-deploy.d/20-off null skipped",
          "pre-deploy.d/30-fails 3 -", "post-deploy-failure 3 -");
    } finally {
      project.clearFailures();
      try (var files = Files.walk(folder)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  @Test
  @Order(4)
  void healthCheckFailure() throws Exception {
    project.writeConfig("missing", "", 5); // the check never passes: the deploy waits for the whole timeout
    try {
      Run run = sextant("deploy", "--skip-push", "--version", versionB);

      for (String host : allHosts) {
        assertFailed(run, host + ": role web: readiness failed");
      }
      assertThat(project.hookNames())
          .containsExactly("pre-connect", "pre-deploy", "pre-app-boot", "post-deploy-failure");
      checkFailureHook(versionB, "app-boot:web", allHosts, "role web: readiness failed");
      assertRunningEverywhere(versionA);
    } finally {
      project.writeConfig("up", "");
    }
  }

  @Test
  @Order(5)
  void lostHost() throws Exception {
    // Unplugged: its link is down, so connecting times out (the under-lock case below gets refusals).
    TestHost lost = project.hosts.get(1);
    project.set.unplug(lost);
    Run run;
    try {
      run = sextant("deploy", "--skip-push", "--version", versionB);
    } finally {
      project.set.plug(lost);
    }

    assertFailed(run, lost.ip() + ": pull could not run: ");
    assertThat(project.hookNames()).containsExactly("pre-connect", "post-deploy-failure");
    checkFailureHook("deploy", versionB, null, "pull", List.of(lost.ip()), lost.ip() + ": pull could not run: ");
    assertRunningEverywhere(versionA);
  }

  @Test
  @Order(6)
  void appBootHookFailureInTheSecondBootGroup() throws Exception {
    project.writeConfig("up", "boot:\n  limit: 1\n");
    TestHost second = project.hosts.get(1);
    project.failScript("pre-app-boot", second.ip());
    try {
      Run run = sextant("deploy", "--skip-push", "--version", versionB);

      assertFailed(run, "Hook `pre-app-boot` failed with exit code 3");
      assertThat(project.hookNames()).containsExactly("pre-connect", "pre-deploy", "pre-app-boot",
          "post-app-boot", "pre-app-boot", "post-deploy-failure");
      checkFailureHook(versionB, "pre-app-boot", List.of(second.ip()), "Hook `pre-app-boot` failed");
      // The first group was booted; the second never was.
      assertThat(project.running(project.hosts.get(0)))
          .containsExactlyInAnyOrderElementsOf(project.containersOf(versionB));
      assertThat(project.running(second)).containsExactlyInAnyOrderElementsOf(project.containersOf(versionA));
    } finally {
      project.clearFailures();
    }
  }

  @Test
  @Order(7)
  void hostLostWhileBootingUnderTheLock() throws Exception {
    // From the previous test: boot.limit 1, B on the first host, A on the second.
    TestHost first = project.hosts.get(0);
    TestHost lost = project.hosts.get(1);
    project.alsoRun("pre-app-boot", project.stopHostWhenBooting(lost));
    Run run;
    try {
      run = sextant("deploy", "--skip-push", "--version", versionB);
    } finally {
      project.clearFailures();
      project.set.start(lost);
    }

    assertFailed(run, lost.ip() + ": role web: boot failed: connection ");
    assertThat(project.hookNames()).containsExactly("pre-connect", "pre-deploy", "pre-app-boot",
        "post-app-boot", "pre-app-boot", "post-deploy-failure");
    checkFailureHook("deploy", versionB, versionB, "app-boot:web", List.of(lost.ip()),
        lost.ip() + ": role web: boot failed: connection ");
    assertThat(project.running(first)).containsExactlyInAnyOrderElementsOf(project.containersOf(versionB));
    assertThat(project.running(lost)).containsExactlyInAnyOrderElementsOf(project.containersOf(versionA));
  }

  @Test
  @Order(8)
  void rollbackWithALostHostFailsAtTheLock() throws Exception {
    // From the previous test: B on the first host, A on the second.
    TestHost lost = project.hosts.get(1);
    project.set.stop(lost);
    Run run;
    try {
      run = sextant("rollback", versionA);
    } finally {
      project.set.start(lost);
    }

    assertFailed(run, lost.ip() + ": mkdir -p .kamal could not run: connection refused");
    assertThat(project.hookNames()).containsExactly("pre-connect", "post-deploy-failure");
    checkFailureHook("rollback", versionA, null, "lock", List.of(lost.ip()),
        lost.ip() + ": mkdir -p .kamal could not run: connection refused");
    assertThat(project.running(project.hosts.get(0)))
        .containsExactlyInAnyOrderElementsOf(project.containersOf(versionB));
    assertThat(project.running(lost)).containsExactlyInAnyOrderElementsOf(project.containersOf(versionA));
  }

  @Test
  @Order(9)
  void postDeployFailureLeavesTheNewVersionButFails() throws Exception {
    project.writeConfig("up", "");
    project.failScript("post-deploy");
    try {
      Run run = sextant("deploy", "--skip-push", "--version", versionB);

      assertFailed(run, "Hook `post-deploy` failed with exit code 3");
      // Issue 8 / B1: the failure hook never fires for a failed post-deploy (the deploy itself succeeded).
      assertThat(project.hookNames()).containsExactly("pre-connect", "pre-deploy", "pre-app-boot",
          "post-app-boot", "post-deploy");
      assertRunningEverywhere(versionB);
    } finally {
      project.clearFailures();
    }
  }

  @Test
  @Order(10)
  void theRegistryPasswordNeverShows() throws Exception {
    for (Run run : runs) {
      assertThat(run.output()).as("output of sextant %s", run.args()).doesNotContain(project.password());
      assertThat(run.processes()).as("process list during sextant %s", run.args())
          .noneMatch(line -> line.contains(project.password()));
    }
    for (TestHost host : project.hosts) {
      assertThat(project.remoteAudit(host)).as("remote audit log on %s", host.ip()).contains("(failed)")
          .doesNotContain(project.password());
    }
    assertThat(checks.auditLines()).isNotEmpty().noneMatch(line -> line.contains(project.password()));
  }

  /** Exit status 1, the lock gone, and {@code message} on stderr. */
  private static void assertFailed(Run run, String message) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stderr()).as(run.toString()).contains(message);
    assertThat(project.lockPresent()).as("lock left after sextant %s", run.args()).isFalse();
  }

  /** As below, for a deploy that failed after it looked up the previous version (A). */
  private static void checkFailureHook(String version, String step, List<String> hosts, String error)
      throws Exception {
    checkFailureHook("deploy", version, versionA, step, hosts, error);
  }

  /**
   * The one post-deploy-failure run: after the lock release (checked from inside it), with the step, hosts and
   * error. {@code previous} is null when the flow failed before it asked the primary
   * host what runs there (pre-deploy): the failure path itself never connects.
   */
  private static void checkFailureHook(String command, String version, String previous, String step,
      List<String> hosts, String error) throws Exception {
    List<HookRun> failureHooks = project.hookRuns().stream()
        .filter(hook -> hook.hook().equals("post-deploy-failure")).toList();
    assertThat(failureHooks).hasSize(1);
    HookRun hook = failureHooks.get(0);
    checks.check(hook, new Expected(command, version, false, allHosts, previous));
    assertThat(hook.facts()).as("the lock, seen from inside the hook").containsEntry("LOCK_DIR", "absent");
    assertThat(hook.env()).containsEntry("KAMAL_FAILED_STEP", step)
        .containsEntry("KAMAL_FAILED_HOSTS", String.join(",", hosts));
    assertThat(hook.var("KAMAL_ERROR")).contains(error).doesNotContain("\n");
    Map<String, Object> context = hook.context();
    @SuppressWarnings("unchecked")
    Map<String, Object> failure = (Map<String, Object>) context.get("error");
    assertThat(failure).containsEntry("step", step).containsEntry("hosts", hosts)
        .containsEntry("message", hook.var("KAMAL_ERROR"));
  }

  private static void assertRunningEverywhere(String version) {
    for (TestHost host : project.hosts) {
      assertThat(project.running(host)).as("running on %s", host.ip())
          .containsExactlyInAnyOrderElementsOf(project.containersOf(version));
    }
  }
}

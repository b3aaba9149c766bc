package io.sextant.deploy;

import io.sextant.testing.AgentMode;
import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.deploy.DeployProject.HookRun;
import io.sextant.deploy.DeployProject.Run;
import io.sextant.testing.TestHost;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 19 item 1, end to end through the launcher on two real hosts: the release command ({@code x-release}) runs
 * {@code /release.sh} of the app image, which appends one line to a file of a host volume: the version it was
 * started with, the page of the image it runs in (so the image is the new one), the command and the previous version.
 * What it does is chosen by a file {@code mode} in that volume ({@code fail}: exit 3; {@code hang}: sleep past the
 * timeout). In order: a first deploy (no env file on the hosts yet), a failing and a hanging release (both stop the
 * deploy with the old version serving), Ctrl-C during the release, a deploy, a redeploy with {@code --skip-release},
 * a rollback.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseIT {
  private static final String SERVICE = "sxrl" + UUID.randomUUID().toString().substring(0, 6);
  private static final String SECRET = "db-" + UUID.randomUUID();
  private static final String DATA = "/tmp/" + SERVICE + "-data";
  private static final int TIMEOUT = 8;

  private static DeployProject project;
  private static TestHost primary;
  private static TestHost other;
  private static String versionA;
  private static String versionB;

  @BeforeAll
  static void setUp() throws Exception {
    project = new DeployProject(SERVICE);
    primary = project.hosts.get(0);
    other = project.hosts.get(1);
    Files.writeString(project.dir.resolve(".kamal/secrets"), "SX_DB_PASSWORD=" + SECRET + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(project.dir.resolve("release.sh"), """
        #!/bin/sh
        mode=$(cat /data/mode 2>/dev/null)
        echo "release of $KAMAL_VERSION on $KAMAL_HOST"
        echo "the database password is $SX_DB_PASSWORD"
        case "$mode" in
          fail) echo "migration failed" >&2; exit 3 ;;
          hang) echo "migrating slowly"; sleep 120 ;;
        esac
        echo "$KAMAL_VERSION $(cat /www/index.html) $KAMAL_COMMAND ${KAMAL_PREVIOUS_VERSION:-none}" >> /data/release.log
        echo "$SX_DB_PASSWORD" > /data/secret-seen
        """);
    project.writeConfig("up", """
        env:
          secret:
            - SX_DB_PASSWORD
        volumes:
          - %s:/data
        x-release:
          command: sh /release.sh
          timeout: %d
        """.formatted(DATA, TIMEOUT));
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (project != null) {
      for (TestHost host : project.hosts) {
        project.set.ssh(host, "docker ps -aq --filter name=" + SERVICE + " | xargs -r docker rm -f; rm -rf " + DATA);
      }
      project.close();
    }
  }

  @Test
  @Order(1)
  void aFirstDeployRunsItOnceInTheNewImageWithTheSecretBeforeAnyNewContainerStarts() throws Exception {
    versionA = project.commitApp("A", "COPY release.sh /release.sh");
    long since = epochSeconds();

    Run run = project.sextant("deploy");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(releaseLog(primary)).containsExactly(versionA + " A deploy none");
    assertThat(releaseLog(other)).as("only the primary host runs it").isEmpty();
    assertThat(project.set.ssh(primary, "cat " + DATA + "/secret-seen").requireOk().stdout().strip())
        .isEqualTo(SECRET);
    assertThat(run.stdout()).contains("[" + primary.ip() + "] release of " + versionA + " on " + primary.ip())
        .contains("[" + primary.ip() + "] the database password is [REDACTED]");
    assertThat(run.output()).doesNotContain(SECRET).doesNotContain(project.password());
    assertThat(run.processes()).noneMatch(line -> line.contains(SECRET));
    assertNoReleaseContainer();
    assertRunning(versionA);

    // The host's own record: the release container came and went before the first container of the version started.
    List<String> events = project.set.ssh(primary, "docker events --since " + since + " --until "
        + (epochSeconds() + 1) + " --filter type=container --format '{{.TimeNano}} {{.Action}} "
        + "{{.Actor.Attributes.name}}'").requireOk().stdout().lines().toList();
    String release = SERVICE + "-web-release-" + versionA;
    assertThat(events).filteredOn(line -> line.endsWith(" start " + release)).hasSize(1);
    long releaseGone = time(events, "destroy", release);
    assertThat(releaseGone).as(String.join("\n", events))
        .isLessThan(time(events, "start", SERVICE + "-web-" + versionA))
        .isLessThan(time(events, "start", SERVICE + "-workers-" + versionA));

    Map<String, Object> pending = releaseContext(project.hookRuns(), "pre-deploy");
    assertThat(pending).containsEntry("command", "sh /release.sh").containsEntry("role", "web")
        .containsEntry("host", primary.ip()).containsEntry("timeout", (long) TIMEOUT)
        .containsEntry("status", "pending");
    assertThat(releaseContext(project.hookRuns(), "post-deploy")).containsEntry("status", "succeeded");
  }

  @Test
  @Order(2)
  void aFailingReleaseStopsTheDeployWithTheOldVersionServing() throws Exception {
    versionB = project.commitApp("B", "COPY release.sh /release.sh");
    setMode("fail");

    Run run = project.sextant("deploy");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stderr()).contains("Release command failed on " + primary.ip() + " with exit code 3"
        + " (migration failed)");
    assertThat(run.output()).doesNotContain(SECRET);
    assertStoppedBeforeBooting();
    HookRun failure = failureHook();
    assertThat(failure.var("KAMAL_FAILED_HOSTS")).isEqualTo(primary.ip());
    assertThat(releaseContext(project.hookRuns(), "post-deploy-failure")).containsEntry("status", "failed");
  }

  @Test
  @Order(3)
  void aReleaseThatOutlivesItsTimeoutIsKilledAndItsContainerRemoved() throws Exception {
    setMode("hang");

    Run run = project.sextant("deploy", "-P");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout()).contains("[" + primary.ip() + "] migrating slowly");
    assertThat(run.stderr()).contains("Release command timed out after " + TIMEOUT + "s on " + primary.ip()
        + " (its container " + SERVICE + "-web-release-" + versionB + " was removed)");
    assertStoppedBeforeBooting();
    assertThat(releaseContext(project.hookRuns(), "post-deploy-failure")).containsEntry("status", "timed-out");
  }

  @Test
  @Order(4)
  void ctrlCDuringTheReleaseRemovesItsContainerAndReleasesTheLock() throws Exception {
    setMode("hang");
    if (AgentMode.on()) { // Ctrl-C on a deploy served by the warm agent (issue 20), whatever ran before
      Run started = project.sextant("agent", "start");
      assertThat(started.exitCode()).as(started.toString()).isZero();
    }
    Path out = Files.createTempFile(project.dir, "run-interrupted-", ".out");
    ProcessBuilder builder = new ProcessBuilder(DeployProject.launcher().toString(), "deploy", "-P")
        .directory(project.dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().put("HOME", project.home.toString());
    builder.environment().put("DOCKER_CONFIG", project.set.dockerConfig().toString());
    builder.environment().remove("VERSION");
    builder.environment().remove("SSH_AUTH_SOCK");
    AgentMode.apply(builder.environment());
    Process deploy = builder.start();
    try {
      long deadline = System.currentTimeMillis() + 120_000;
      while (!Files.readString(out).contains("migrating slowly") && deploy.isAlive()
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      assertThat(deploy.isAlive()).as(Files.readString(out)).isTrue();
      assertThat(new ProcessBuilder("kill", "-INT", Long.toString(deploy.pid())).start().waitFor()).isZero();
      assertThat(deploy.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(out)).isTrue();
    } finally {
      deploy.destroyForcibly();
    }

    assertThat(deploy.exitValue()).as(Files.readString(out)).isEqualTo(130);
    assertStoppedBeforeBooting();
    setMode("");
  }

  @Test
  @Order(5)
  void aDeployThatPassesTheReleaseBootsTheNewVersion() throws Exception {
    setMode("");

    Run run = project.sextant("deploy", "-P");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(releaseLog(primary)).containsExactly(versionA + " A deploy none",
        versionB + " B deploy " + versionA);
    assertRunning(versionB);
    assertNoReleaseContainer();
  }

  @Test
  @Order(6)
  void skipReleaseLeavesItOut() throws Exception {
    Run run = project.sextant("redeploy", "-P", "--skip-release");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).contains("Skipping the release command (--skip-release)")
        .doesNotContain("Running the release command");
    assertThat(releaseLog(primary)).hasSize(2);
    assertThat(releaseContext(project.hookRuns(), "pre-deploy")).containsEntry("status", "skipped")
        .containsEntry("host", null);
    assertRunning(versionB);
  }

  @Test
  @Order(7)
  void aRollbackRunsItWithTheVersionItGoesBackTo() throws Exception {
    Run run = project.sextant("rollback", versionA);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(releaseLog(primary)).hasSize(3).last().isEqualTo(versionA + " A rollback " + versionB);
    assertRunning(versionA);
    assertNoReleaseContainer();
    assertThat(project.lockPresent()).isFalse();
  }

  /** Exit 1 already checked: A still runs on both hosts, nothing of B was created, the lock is gone. */
  private static void assertStoppedBeforeBooting() {
    assertRunning(versionA);
    for (TestHost host : project.hosts) {
      assertThat(project.set.ssh(host, "docker ps -a --filter name=" + SERVICE + "-web-" + versionB
          + " --filter name=" + SERVICE + "-workers-" + versionB + " -q").requireOk().stdout()).isBlank();
    }
    assertThat(releaseLog(primary)).hasSize(1);
    assertNoReleaseContainer();
    assertThat(project.lockPresent()).isFalse();
  }

  private static HookRun failureHook() throws Exception {
    HookRun failure = project.hookRuns().stream().filter(hook -> hook.hook().equals("post-deploy-failure"))
        .findFirst().orElseThrow(() -> new AssertionError("post-deploy-failure did not run"));
    assertThat(failure.var("KAMAL_FAILED_STEP")).isEqualTo("release");
    assertThat(failure.var("KAMAL_LOCK")).isEqualTo("false");
    return failure;
  }

  private static void assertRunning(String version) {
    for (TestHost host : project.hosts) {
      assertThat(project.running(host)).as("running on %s", host.ip())
          .containsExactlyElementsOf(project.containersOf(version));
    }
  }

  private static void assertNoReleaseContainer() {
    for (TestHost host : project.hosts) {
      assertThat(project.set.ssh(host, "docker ps -a -q --filter name=" + SERVICE + "-web-release-").requireOk()
          .stdout()).as("release containers on %s", host.ip()).isBlank();
    }
  }

  private static void setMode(String mode) {
    project.set.ssh(primary, "mkdir -p " + DATA + " && printf '%s' '" + mode + "' > " + DATA + "/mode").requireOk();
  }

  private static List<String> releaseLog(TestHost host) {
    return project.set.ssh(host, "cat " + DATA + "/release.log 2>/dev/null || true").stdout().lines().toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> releaseContext(List<HookRun> hooks, String hook) {
    HookRun run = hooks.stream().filter(candidate -> candidate.hook().equals(hook)).findFirst()
        .orElseThrow(() -> new AssertionError(hook + " did not run: " + hooks));
    return (Map<String, Object>) run.context().get("release");
  }

  /** The nanosecond time of the first event {@code action} of container {@code name}. */
  private static long time(List<String> events, String action, String name) {
    return events.stream().filter(line -> line.endsWith(" " + action + " " + name)).findFirst()
        .map(line -> Long.parseLong(line.substring(0, line.indexOf(' '))))
        .orElseThrow(() -> new AssertionError("no " + action + " of " + name + " in\n" + String.join("\n", events)));
  }

  private static long epochSeconds() {
    return System.currentTimeMillis() / 1000;
  }
}

package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.TestHost;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code app stop} and {@code app start} with {@code boot/parallel_roles} through the launcher on real hosts, as
 * Kamal 2.12 runs them ({@code on_roles(..., parallel: KAMAL.config.boot.parallel_roles)},
 * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L43-L78; its integration test stops and starts
 * such an app, K:test/integration/app_test.rb:71-89). In each test the second host runs two roles, {@code workers}
 * and {@code jobs}, whose stop (or start) is slow; without the key the host takes them one after the other, with
 * it both at once. Switched off (the key read as false), both tests fail at their assertion of the key's run.
 */
class ParallelRolesStartStopIT {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SLOW_LISTEN = Duration.ofSeconds(5);
  private static final String LISTENS_LATE = "\"sh -c 'sleep " + SLOW_LISTEN.toSeconds()
      + "; exec busybox httpd -f -p 80 -h /www'\"";
  private static final String IGNORES_TERM = "\"sh -c 'trap \\\"\\\" TERM; while true; do sleep 1; done'\"";

  /**
   * {@code app stop}: both roles' process ignores SIGTERM, so each {@code docker stop} takes the whole stop timeout
   * ({@code drain_timeout}, 5 s) before the kill. Without the key the second container ends 5 s or more after the
   * first; with it the two end together, in {@code app remove} too. {@code app start} brings both back either way.
   */
  @Test
  void theRolesOfAHostStopAndStartOneAfterTheOtherWithoutParallelRolesAndTogetherWithIt() throws Exception {
    String service = "ps" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (DeployProject project = new DeployProject(service)) {
      TestHost twoRoles = project.hosts.get(1);
      writeConfig(project, service, "");
      String version = project.commitApp("one", "");
      DeployProject.Run deploy = project.sextant("deploy");
      assertThat(deploy.exitCode()).as("%s", deploy).isZero();

      DeployProject.Run sequential = project.sextant("app", "stop", "--version", version);
      assertThat(sequential.exitCode()).as("%s", sequential).isZero();
      Duration apart = endedApart(project, twoRoles, service, version);
      assertThat(apart).as("jobs and workers ended %s apart", apart).isGreaterThanOrEqualTo(STOP_TIMEOUT);
      DeployProject.Run start = project.sextant("app", "start", "--version", version);
      assertThat(start.exitCode()).as("%s", start).isZero();
      assertThat(running(project, twoRoles, service, version)).containsExactly("true", "true");

      writeConfig(project, service, "boot:\n  parallel_roles: true\n");
      DeployProject.Run parallel = project.sextant("app", "stop", "--version", version);
      assertThat(parallel.exitCode()).as("%s", parallel).isZero();
      apart = endedApart(project, twoRoles, service, version);
      assertThat(apart).as("jobs and workers ended %s apart", apart).isLessThan(STOP_TIMEOUT);
      assertThat(running(project, twoRoles, service, version)).containsExactly("false", "false");
      start = project.sextant("app", "start", "--version", version);
      assertThat(start.exitCode()).as("%s", start).isZero();
      assertThat(running(project, twoRoles, service, version)).containsExactly("true", "true");
      assertThat(running(project, project.hosts.get(0), service, version, "web")).containsExactly("true");

      // One lane failing does not stop the others: jobs' container is gone, workers still starts; the command fails.
      assertThat(project.sextant("app", "stop", "--version", version).exitCode()).isZero();
      project.set.ssh(twoRoles, "docker rm " + service + "-jobs-" + version).requireOk();
      DeployProject.Run failing = project.sextant("app", "start", "--version", version);
      assertThat(failing.exitCode()).as("%s", failing).isEqualTo(1);
      assertThat(failing.stderr()).contains(twoRoles.ip() + ": app start failed").doesNotContain("Exception");
      assertThat(running(project, twoRoles, service, version, "workers")).containsExactly("true");
      assertThat(running(project, project.hosts.get(0), service, version, "web")).containsExactly("true");

      // app remove stops in the same lanes first (Kamal's remove runs stop), then removes the containers.
      DeployProject.Run boot = project.sextant("app", "boot", "--version", version);
      assertThat(boot.exitCode()).as("%s", boot).isZero();
      // to the nanosecond: the boot's replaced container may have ended within this very second
      String since = project.set.ssh(twoRoles, "date +%s.%N").requireOk().stdout().strip();
      DeployProject.Run remove = project.sextant("app", "remove", "--version", version);
      assertThat(remove.exitCode()).as("%s", remove).isZero();
      apart = diedApart(project, twoRoles, since);
      assertThat(apart).as("jobs and workers ended %s apart", apart).isLessThan(STOP_TIMEOUT);
      assertThat(project.set.ssh(twoRoles, "docker ps -aq --filter label=service=" + service).requireOk().stdout())
          .isBlank();
    }
  }

  /** How far apart a {@code workers} and a {@code jobs} container of the service ended on the host since then. */
  private static Duration diedApart(DeployProject project, TestHost host, String since) {
    List<String> events = project.set.ssh(host, "docker events --since " + since
        + " --until \"$(($(date +%s) + 1))\" --filter label=service=" + project.service + " --filter event=die"
        + " --format '{{.Actor.Attributes.role}} {{.TimeNano}}'").requireOk().stdout().lines()
        .filter(line -> !line.isBlank()).toList();
    assertThat(events).as("die events").hasSize(2);
    assertThat(events.stream().map(line -> line.substring(0, line.indexOf(' '))))
        .containsExactlyInAnyOrder("workers", "jobs");
    long[] nanos = events.stream().mapToLong(line -> Long.parseLong(line.substring(line.indexOf(' ') + 1))).toArray();
    return Duration.ofNanos(Math.abs(nanos[0] - nanos[1]));
  }

  /**
   * {@code app start} of two roles behind kamal-proxy on one host: each role's container listens only 5 s after it
   * starts, and its start registers it with the proxy again, which waits for its health check. Without the key the
   * second role's container starts once the first is healthy (5 s or more later); with it both start at once.
   */
  @Test
  void theRolesOfAHostBehindTheProxyStartOneAfterTheOtherWithoutParallelRolesAndTogetherWithIt() throws Exception {
    String service = "pp" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (DeployProject project = new DeployProject(service)) {
      TestHost twoRoles = project.hosts.get(1);
      project.set.ensureKamalProxyImage();
      try {
        writeProxyConfig(project, service, "");
        String version = project.commitApp("one", "");
        DeployProject.Run deploy = project.sextant("deploy");
        assertThat(deploy.exitCode()).as("%s", deploy).isZero();

        assertThat(project.sextant("app", "stop", "--version", version).exitCode()).isZero();
        DeployProject.Run sequential = project.sextant("app", "start", "--version", version);
        assertThat(sequential.exitCode()).as("%s", sequential).isZero();
        Duration apart = startedApart(project, twoRoles, service, version);
        assertThat(apart).as("jobs and workers started %s apart", apart).isGreaterThanOrEqualTo(SLOW_LISTEN);

        writeProxyConfig(project, service, "boot:\n  parallel_roles: true\n");
        assertThat(project.sextant("app", "stop", "--version", version).exitCode()).isZero();
        DeployProject.Run parallel = project.sextant("app", "start", "--version", version);
        assertThat(parallel.exitCode()).as("%s", parallel).isZero();
        apart = startedApart(project, twoRoles, service, version);
        assertThat(apart).as("jobs and workers started %s apart", apart).isLessThan(SLOW_LISTEN);
        assertThat(running(project, twoRoles, service, version)).containsExactly("true", "true");
      } finally {
        project.removeFromProxy("workers");
        project.removeFromProxy("jobs");
      }
    }
  }

  private static void writeProxyConfig(DeployProject project, String service, String extra) throws Exception {
    String second = project.hosts.get(1).ip();
    writeConfig(project, service, extra, "primary_role: workers", "servers:",
        role("workers", second, "cmd: " + LISTENS_LATE, "stop_timeout: 1",
            "proxy: {host: workers." + service + ".test, app_port: 80}"),
        role("jobs", second, "cmd: " + LISTENS_LATE, "stop_timeout: 1",
            "proxy: {host: jobs." + service + ".test, app_port: 80}"),
        "deploy_timeout: 30");
  }

  private static void writeConfig(DeployProject project, String service, String extra) throws Exception {
    String first = project.hosts.get(0).ip();
    String second = project.hosts.get(1).ip();
    writeConfig(project, service, extra, "servers:",
        role("web", first, "proxy: false"),
        role("workers", second, "proxy: false", "cmd: " + IGNORES_TERM),
        role("jobs", second, "proxy: false", "cmd: " + IGNORES_TERM),
        "readiness_delay: 1",
        "deploy_timeout: 30",
        "drain_timeout: " + STOP_TIMEOUT.toSeconds());
  }

  /** {@code config/deploy.yml}: the service built with the local Docker, {@code lines}, {@code extra}, registry, ssh. */
  private static void writeConfig(DeployProject project, String service, String extra, String... lines)
      throws Exception {
    Files.writeString(project.dir.resolve("config/deploy.yml"), "service: " + service + "\nimage: sextant/" + service
        + "\nbuilder: {arch: amd64, driver: docker}\n" + String.join("\n", lines) + "\n" + extra
        + project.registryAndSsh());
  }

  /** A role under {@code servers:} on one host, with its settings. */
  private static String role(String name, String host, String... settings) {
    return "  " + name + ":\n    hosts: [" + host + "]\n    " + String.join("\n    ", settings);
  }

  /** How far apart the {@code workers} and {@code jobs} containers of the version ended ({@code docker inspect}). */
  private static Duration endedApart(DeployProject project, TestHost host, String service, String version) {
    Instant[] ended = inspect(project, host, "{{.State.FinishedAt}}", service, version, "workers", "jobs").stream()
        .map(Instant::parse).toArray(Instant[]::new);
    assertThat(ended).hasSize(2);
    return Duration.between(ended[0], ended[1]).abs();
  }

  /** How far apart the {@code workers} and {@code jobs} containers of the version started. */
  private static Duration startedApart(DeployProject project, TestHost host, String service, String version) {
    Instant[] started = inspect(project, host, "{{.State.StartedAt}}", service, version, "workers", "jobs").stream()
        .map(Instant::parse).toArray(Instant[]::new);
    assertThat(started).hasSize(2);
    return Duration.between(started[0], started[1]).abs();
  }

  private static List<String> running(DeployProject project, TestHost host, String service, String version) {
    return running(project, host, service, version, "workers", "jobs");
  }

  private static List<String> running(DeployProject project, TestHost host, String service, String version,
      String... roles) {
    return inspect(project, host, "{{.State.Running}}", service, version, roles);
  }

  private static List<String> inspect(DeployProject project, TestHost host, String format, String service,
      String version, String... roles) {
    StringBuilder names = new StringBuilder();
    for (String role : roles) {
      names.append(' ').append(service).append('-').append(role).append('-').append(version);
    }
    return project.set.ssh(host, "docker inspect -f '" + format + "'" + names).requireOk().stdout().lines()
        .filter(line -> !line.isBlank()).map(String::strip).toList();
  }
}

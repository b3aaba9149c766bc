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
 * such an app, K:test/integration/app_test.rb:71-89). The second host runs two roles, {@code workers} and
 * {@code jobs}, whose process ignores SIGTERM, so each {@code docker stop} takes the whole stop timeout
 * ({@code drain_timeout}, 5 s) before the kill. Without the key the host stops them one after the other: the second
 * container ends 5 s or more after the first. With it both stops run at once and the two end together.
 */
class ParallelRolesStartStopIT {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final String IGNORES_TERM = "\"sh -c 'trap \\\"\\\" TERM; while true; do sleep 1; done'\"";

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
    }
  }

  private static void writeConfig(DeployProject project, String service, String extra) throws Exception {
    TestHost first = project.hosts.get(0);
    TestHost second = project.hosts.get(1);
    Files.writeString(project.dir.resolve("config/deploy.yml"), String.join("\n",
        "service: " + service,
        "image: sextant/" + service,
        "builder:",
        "  arch: amd64",
        "  driver: docker",
        "servers:",
        "  web:",
        "    hosts: [" + first.ip() + "]",
        "    proxy: false",
        "  workers:",
        "    hosts: [" + second.ip() + "]",
        "    proxy: false",
        "    cmd: " + IGNORES_TERM,
        "  jobs:",
        "    hosts: [" + second.ip() + "]",
        "    proxy: false",
        "    cmd: " + IGNORES_TERM,
        "readiness_delay: 1",
        "deploy_timeout: 30",
        "drain_timeout: " + STOP_TIMEOUT.toSeconds(),
        extra) + project.registryAndSsh());
  }

  /** How far apart the {@code workers} and {@code jobs} containers of the version ended ({@code docker inspect}). */
  private static Duration endedApart(DeployProject project, TestHost host, String service, String version) {
    Instant[] ended = inspect(project, host, "{{.State.FinishedAt}}", service, version, "workers", "jobs").stream()
        .map(Instant::parse).toArray(Instant[]::new);
    assertThat(ended).hasSize(2);
    return Duration.between(ended[0], ended[1]).abs();
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

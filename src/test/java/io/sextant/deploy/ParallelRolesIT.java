package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.TestHost;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code boot/parallel_roles} through the launcher on real hosts: the second host runs two roles, {@code workers}
 * and {@code jobs}, each ready only after the readiness delay (5 s running). Without the key the host boots them one
 * after the other, so the second container starts once the first is ready (5 s or more later); with it both boot
 * at once, the second container starting while the first is not ready yet (Kamal's {@code on_roles},
 * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/sshkit_with_ext.rb#L235-L268). The first host runs the
 * primary role {@code web}, whose first healthy container opens the barrier both roles wait at.
 */
class ParallelRolesIT {
  private static final Duration READINESS_DELAY = Duration.ofSeconds(5);

  @Test
  void theRolesOfAHostBootOneAfterTheOtherWithoutParallelRolesAndTogetherWithIt() throws Exception {
    String service = "pr" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (DeployProject project = new DeployProject(service)) {
      TestHost twoRoles = project.hosts.get(1);
      writeConfig(project, service, "");
      String v1 = project.commitApp("one", "");
      DeployProject.Run sequential = project.sextant("deploy");
      assertThat(sequential.exitCode()).as("%s", sequential).isZero();
      Duration apart = startedApart(project, twoRoles, service, v1);
      assertThat(apart).as("jobs and workers started %s apart", apart).isGreaterThanOrEqualTo(READINESS_DELAY);
      assertThat(sequential.stderr()).doesNotContain("parallel_roles");

      writeConfig(project, service, "boot:\n  parallel_roles: true\n");
      String v2 = project.commitApp("two", "");
      DeployProject.Run parallel = project.sextant("deploy");
      assertThat(parallel.exitCode()).as("%s", parallel).isZero();
      apart = startedApart(project, twoRoles, service, v2);
      assertThat(apart).as("jobs and workers started %s apart", apart).isLessThan(READINESS_DELAY);
      // the warning of the days Sextant ignored the key is gone
      assertThat(parallel.stderr()).doesNotContain("parallel_roles");
      assertThat(project.sextant("app", "details").stdout())
          .contains(service + "-workers-" + v2).contains(service + "-jobs-" + v2).contains(service + "-web-" + v2);
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
        "  jobs:",
        "    hosts: [" + second.ip() + "]",
        "    proxy: false",
        "readiness_delay: " + READINESS_DELAY.toSeconds(),
        "deploy_timeout: 30",
        "drain_timeout: 1",
        extra) + project.registryAndSsh());
  }

  /** How far apart the {@code workers} and {@code jobs} containers of the version started ({@code docker inspect}). */
  private static Duration startedApart(DeployProject project, TestHost host, String service, String version) {
    String out = project.set.ssh(host, "docker inspect -f '{{.State.StartedAt}}' " + service + "-workers-" + version
        + " " + service + "-jobs-" + version).requireOk().stdout();
    Instant[] started = out.lines().filter(line -> !line.isBlank()).map(String::strip).map(Instant::parse)
        .toArray(Instant[]::new);
    assertThat(started).hasSize(2);
    return Duration.between(started[0], started[1]).abs();
  }
}

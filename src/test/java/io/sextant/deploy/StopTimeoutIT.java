package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.TestHost;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every command that stops app containers gives each role its own {@code docker stop} timeout, as Kamal's
 * {@code Role#stop_args}: the role's {@code stop_timeout}, else {@code drain_timeout} (here 1 s). Both roles run a
 * process that needs 2 s to shut down after SIGTERM (its trap runs at once, during {@code wait}) and then exits 42:
 * with 1 s it is killed (exit 137), with the role {@code patient}'s 20 s it exits by itself (42). Docker's own
 * default (10 s) would let both exit 42.
 */
class StopTimeoutIT {
  private static final String SLOW_SHUTDOWN =
      "\"sh -c 'trap \\\"sleep 2; exit 42\\\" TERM; while true; do sleep 1 & wait; done'\"";

  @Test
  void stopStaleContainersAppRemoveAndRemoveUseEachRolesTimeout() throws Exception {
    String service = "st" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (DeployProject project = new DeployProject(service)) {
      TestHost first = project.hosts.get(0);
      TestHost second = project.hosts.get(1);
      Files.writeString(project.dir.resolve("config/deploy.yml"), String.join("\n",
          "service: " + service,
          "image: sextant/" + service,
          "builder:",
          "  arch: amd64",
          "  driver: docker",
          "primary_role: quick",
          "servers:",
          "  quick:",
          "    hosts: [" + first.ip() + ", " + second.ip() + "]",
          "    proxy: false",
          "    cmd: " + SLOW_SHUTDOWN,
          "  patient:",
          "    hosts: [" + first.ip() + ", " + second.ip() + "]",
          "    cmd: " + SLOW_SHUTDOWN,
          "    stop_timeout: 20",
          "registry:",
          "  server: " + project.set.registry().address(),
          "  username: " + project.set.registry().username(),
          "  password: [KAMAL_REGISTRY_PASSWORD]",
          "ssh:",
          "  keys: [" + project.set.privateKey() + "]",
          "  keys_only: true",
          "readiness_delay: 1",
          "deploy_timeout: 15",
          "drain_timeout: 1",
          ""));
      String v1 = project.commitApp("one", "");
      assertThat(project.sextant("deploy").exitCode()).isZero();
      String v2 = project.commitApp("two", "");
      assertThat(project.sextant("deploy").exitCode()).isZero();

      project.set.ssh(first, "docker start " + service + "-quick-" + v1 + " " + service + "-patient-" + v1)
          .requireOk();
      long since = now(project, first);
      DeployProject.Run stale = project.sextant("app", "stale_containers", "--stop");
      assertThat(stale.exitCode()).as("%s", stale).isZero();
      assertThat(exits(project, first, since)).containsExactlyInAnyOrder(
          service + "-quick-" + v1 + " 137", service + "-patient-" + v1 + " 42");

      since = now(project, first);
      DeployProject.Run stop = project.sextant("app", "stop");
      assertThat(stop.exitCode()).as("%s", stop).isZero();
      for (TestHost host : project.hosts) {
        assertThat(exits(project, host, since)).containsExactlyInAnyOrder(
            service + "-quick-" + v2 + " 137", service + "-patient-" + v2 + " 42");
      }

      assertThat(project.sextant("app", "start").exitCode()).isZero();
      since = now(project, first);
      DeployProject.Run appRemove = project.sextant("app", "remove", "-h", first.ip());
      assertThat(appRemove.exitCode()).as("%s", appRemove).isZero();
      assertThat(exits(project, first, since)).containsExactlyInAnyOrder(
          service + "-quick-" + v2 + " 137", service + "-patient-" + v2 + " 42");

      since = now(project, second);
      DeployProject.Run remove = project.sextant("remove", "-y", "-h", second.ip());
      assertThat(remove.exitCode()).as("%s", remove).isZero();
      assertThat(exits(project, second, since)).containsExactlyInAnyOrder(
          service + "-quick-" + v2 + " 137", service + "-patient-" + v2 + " 42");
    }
  }

  private static long now(DeployProject project, TestHost host) {
    return Long.parseLong(project.set.ssh(host, "date +%s").requireOk().stdout().strip());
  }

  /**
   * {@code <container> <exit code>} of every container of the service that ended on the host since then. The end of
   * the window is a second ahead (docker waits for it): a whole-second {@code --until} of now would leave out what
   * ended earlier within this very second.
   */
  private static List<String> exits(DeployProject project, TestHost host, long since) {
    String events = project.set.ssh(host, "docker events --since " + since + " --until \"$(($(date +%s) + 1))\""
        + " --filter label=service=" + project.service + " --filter event=die"
        + " --format '{{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}}'").requireOk().stdout();
    return events.lines().filter(line -> !line.isBlank()).toList();
  }
}

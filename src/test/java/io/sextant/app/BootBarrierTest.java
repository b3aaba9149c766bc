package io.sextant.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.DeployConfig;
import io.sextant.config.Secrets;
import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.ssh.SshHosts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kamal's health barrier ({@code K:lib/kamal/cli/app/boot.rb:17-27,76-101}) on a fake host running {@code web} behind
 * kamal-proxy and {@code workers} without it: workers boot only after the first web container is healthy, and not
 * at all when it fails.
 */
class BootBarrierTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Console console = new Console(new PrintStream(out), new PrintStream(out), Verbosity.NORMAL);

  private FakeHost host() throws Exception {
    return host("one");
  }

  private FakeHost host(String name) throws Exception {
    FakeHost host = FakeHost.start(dir, name).withScript("docker", RoleBootTest.DOCKER);
    for (String program : List.of("mktemp", "cat", "rm", "mkdir", "chmod", "mv", "xargs", "head", "sh")) {
      host.withScript(program, "exec /bin/" + program + " \"$@\"");
    }
    return host;
  }

  private AppBooter booter(String host) throws Exception {
    return booter(host, host);
  }

  private AppBooter booter(String webHost, String workersHost) throws Exception {
    Path project = Files.createDirectories(dir.resolve("project/config"));
    Files.writeString(project.resolve("deploy.yml"), "service: app\nimage: app\nregistry:\n  server: registry:5000\n"
        + "  username: u\n  password: p\nbuilder:\n  arch: amd64\nservers:\n  workers:\n    hosts: ['" + workersHost
        + "']\n  web:\n    hosts: ['" + webHost + "']\nreadiness_delay: 0\ndeploy_timeout: 5\n");
    DeployConfig config = ConfigLoader.load(new ConfigRequest(dir.resolve("project"), null, null, "2", Map.of()))
        .config();
    return new AppBooter(new SshHosts(FakeHost.settings(dir)), console, config, Secrets.empty(), "2");
  }

  private static List<String> runs(FakeHost host) throws Exception {
    return Files.readAllLines(host.home().resolve("calls.log")).stream()
        .filter(call -> call.startsWith("run ") || call.startsWith("exec kamal-proxy"))
        .map(call -> call.startsWith("run ") ? call.replaceAll(".*--name (\\S+).*", "run $1") : "proxy deploy")
        .toList();
  }

  @Test
  void otherRolesBootOnceTheFirstPrimaryContainerIsHealthy() throws Exception {
    try (FakeHost one = host()) {
      AppBooter booter = booter(one.host());
      DeployConfig config = configOf(booter);

      booter.bootHosts(List.of(one.host()), config.roles());

      // web (the primary role) first although workers come first in the file, then workers after its proxy deploy
      assertThat(runs(one)).containsExactly("run app-web-2", "proxy deploy", "run app-workers-2");
      assertThat(out.toString())
          .contains("First web container is healthy on " + one.host() + ", booting any other roles")
          .contains("Waiting for the first healthy web container before booting workers on " + one.host() + "...")
          .contains("First web container is healthy, booting workers on " + one.host() + "...");
    }
  }

  @Test
  void anUnhealthyFirstPrimaryContainerStopsTheOtherRoles() throws Exception {
    try (FakeHost one = host()) {
      Files.writeString(one.home().resolve("fail-proxy"), "");
      AppBooter booter = booter(one.host());

      assertThatThrownBy(() -> booter.bootHosts(List.of(one.host()), configOf(booter).roles()))
          .isInstanceOf(AppBootException.class)
          .hasMessageContaining("proxy deploy failed: kamal-proxy: Error: target failed to become healthy");
      assertThat(runs(one)).containsExactly("run app-web-2", "proxy deploy");
      assertThat(out.toString())
          .contains("First web container is unhealthy on " + one.host() + ", not booting any other roles");
    }
  }

  @Test
  void rolesOnOtherHostsWaitForThePrimaryAndDoNotBootWhenItFails() throws Exception {
    try (FakeHost web = host("web"); FakeHost workers = host("workers")) {
      Files.writeString(web.home().resolve("fail-proxy"), "");
      AppBooter booter = booter(web.host(), workers.host());

      assertThatThrownBy(() -> booter.bootHosts(List.of(web.host(), workers.host()), configOf(booter).roles()))
          .isInstanceOf(AppBootException.class)
          .hasMessageContaining(workers.host() + ": role workers: barrier failed");
      assertThat(workers.home().resolve("calls.log")).doesNotExist(); // nothing ran for workers
      assertThat(out.toString())
          .contains("Waiting for the first healthy web container before booting workers on " + workers.host())
          .contains("First web container is unhealthy, not booting workers on " + workers.host());
    }
  }

  private DeployConfig configOf(AppBooter booter) throws Exception {
    return ConfigLoader.load(new ConfigRequest(dir.resolve("project"), null, null, "2", Map.of())).config();
  }
}

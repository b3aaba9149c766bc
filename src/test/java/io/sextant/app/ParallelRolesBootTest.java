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
 * A failing role on a fake host with the roles {@code web}, {@code workers} and {@code jobs}: without
 * {@code boot/parallel_roles} the host's roles boot in turn, so a failure of {@code workers} leaves {@code jobs}
 * unbooted; with it every role boots on its own (Kamal's thread per role in {@code on_roles},
 * K:lib/kamal/sshkit_with_ext.rb:235-268), so {@code jobs} boots and only {@code workers} is reported.
 */
class ParallelRolesBootTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Console console = new Console(new PrintStream(out), new PrintStream(out), Verbosity.NORMAL);

  @Test
  void withoutParallelRolesAFailingRoleStopsTheNextRolesOfItsHost() throws Exception {
    try (FakeHost host = host()) {
      assertThat(bootFailingWorkers(host, false)).containsExactly("run app-web-2", "run app-workers-2");
    }
  }

  @Test
  void withParallelRolesAFailingRoleLeavesTheOtherRolesOfItsHostBooting() throws Exception {
    try (FakeHost host = host()) {
      List<String> runs = bootFailingWorkers(host, true);
      // web first (the barrier), then workers and jobs in either order
      assertThat(runs).first().isEqualTo("run app-web-2");
      assertThat(runs).containsExactlyInAnyOrder("run app-web-2", "run app-workers-2", "run app-jobs-2");
    }
  }

  /** Boots with {@code docker run} failing for workers; the boot fails naming workers only; the runs on the host. */
  private List<String> bootFailingWorkers(FakeHost host, boolean parallelRoles) throws Exception {
    Files.writeString(host.home().resolve("fail-run-app-workers-2"), "");
    assertThatThrownBy(() -> boot(host, parallelRoles))
        .isInstanceOf(AppBootException.class)
        .hasMessageContaining(host.host() + ": role workers: ")
        .hasMessageNotContaining("role jobs");
    return runs(host);
  }

  private void boot(FakeHost host, boolean parallelRoles) throws Exception {
    Path project = Files.createDirectories(dir.resolve("project/config"));
    Files.writeString(project.resolve("deploy.yml"), "service: app\nimage: app\nregistry:\n  server: registry:5000\n"
        + "  username: u\n  password: p\nbuilder:\n  arch: amd64\nservers:\n"
        + "  web:\n    hosts: ['" + host.host() + "']\n    proxy: false\n"
        + "  workers:\n    hosts: ['" + host.host() + "']\n"
        + "  jobs:\n    hosts: ['" + host.host() + "']\n"
        + "boot:\n  parallel_roles: " + parallelRoles + "\nreadiness_delay: 0\ndeploy_timeout: 5\n");
    DeployConfig config = ConfigLoader.load(new ConfigRequest(dir.resolve("project"), null, null, "2", Map.of()))
        .config();
    new AppBooter(new SshHosts(FakeHost.settings(dir)), console, config, Secrets.empty(), "2")
        .bootHosts(List.of(host.host()), config.roles());
  }

  private FakeHost host() throws Exception {
    FakeHost host = FakeHost.start(dir, "one").withScript("docker", RoleBootTest.DOCKER);
    for (String program : List.of("mktemp", "cat", "rm", "mkdir", "chmod", "mv", "xargs", "head", "sh")) {
      host.withScript(program, "exec /bin/" + program + " \"$@\"");
    }
    return host;
  }

  private static List<String> runs(FakeHost host) throws Exception {
    return Files.readAllLines(host.home().resolve("calls.log")).stream()
        .filter(call -> call.startsWith("run "))
        .map(call -> call.replaceAll(".*--name (\\S+).*", "run $1"))
        .toList();
  }
}

package io.sextant.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.build.BuildPlan;
import io.sextant.build.ImageBuilder;
import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.LoadedConfig;
import io.sextant.config.Role;
import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.process.LocalCommand;
import io.sextant.process.OutputListener;
import io.sextant.process.ProcessRunner;
import io.sextant.ssh.SshHosts;
import io.sextant.ssh.SshSettings;
import io.sextant.testing.TestHost;
import io.sextant.testing.TestHosts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Builds a small busybox httpd app from a git project with the root dockerd, pushes it to the test registry,
 * pulls it on two real hosts and boots version after version there. The tests run in order: each deploy
 * starts from what the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppBootIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
  private static final String SERVICE = "sxdp" + RUN;

  private static TestHosts set;
  private static List<TestHost> hosts;
  private static Path project;
  private static SshHosts ssh;
  private static final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private static Console console;
  private static ProcessRunner runner;

  @BeforeAll
  static void setUp() throws IOException {
    set = TestHosts.shared();
    hosts = set.hosts().subList(0, 2);
    project = Files.createTempDirectory("sextant-dp-it-");
    Files.createDirectories(project.resolve("config"));
    Files.createDirectories(project.resolve(".kamal"));
    Files.writeString(project.resolve(".kamal/secrets"),
        "KAMAL_REGISTRY_PASSWORD=" + set.registry().password() + "\nAPP_SECRET=s3cr3t-" + RUN + "\n");
    Files.writeString(project.resolve(".gitignore"), ".kamal/secrets\n");
    writeConfig("");
    writeApp("v1", "");
    git("init", "-q");
    commit("v1");
    console = new Console(new PrintStream(output, true, StandardCharsets.UTF_8),
        new PrintStream(output, true, StandardCharsets.UTF_8), Verbosity.VERBOSE);
    console.redact(List.of(set.registry().password()));
    runner = new ProcessRunner(List.of(), Map.of("DOCKER_CONFIG", set.dockerConfig().toString()));
    ssh = new SshHosts(SshSettings.defaults()
        .withUser(set.sshUser())
        .withKeys(List.of(set.privateKey()), true)
        .withKnownHostsFile(set.knownHosts()));
  }

  @AfterAll
  static void tearDown() {
    if (ssh != null) {
      for (TestHost host : hosts) {
        ssh.run(host.ip(), "docker ps -aq --filter label=service=" + SERVICE + " | xargs -r docker rm -f");
      }
      ssh.close();
    }
    if (project != null) {
      try (java.util.stream.Stream<Path> paths = Files.walk(project)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary project is harmless
      }
    }
  }

  private static void writeConfig(String extra) throws IOException {
    Files.writeString(project.resolve("config/deploy.yml"), """
        service: %s
        image: sextant/%s
        servers:
          web:
            hosts:
              - %s
              - %s
            proxy: false
        registry:
          server: %s
          username: %s
          password:
            - KAMAL_REGISTRY_PASSWORD
        env:
          clear:
            GREETING: hello world
          secret:
            - APP_SECRET
        builder:
          arch: amd64
          driver: docker
        boot:
          limit: 1
        readiness_delay: 1
        deploy_timeout: 6
        stop_timeout: 1
        %s
        """.formatted(SERVICE, SERVICE, hosts.get(0).ip(), hosts.get(1).ip(), set.registry().address(),
        set.registry().username(), extra));
  }

  /** A busybox httpd app answering /up with its version; {@code dockerExtra} adds Dockerfile lines. */
  private static void writeApp(String version, String dockerExtra) throws IOException {
    Files.createDirectories(project.resolve("www"));
    Files.writeString(project.resolve("www/up"), version + "\n");
    Files.writeString(project.resolve("Dockerfile"), "FROM " + set.baseImage() + "\n"
        + "COPY www /www\n"
        + dockerExtra
        // exits on SIGTERM (httpd as PID 1 ignores it): each stop need not wait for the kill
        + "CMD [\"sh\", \"-c\", \"echo booting " + version + "; trap 'exit 0' TERM; httpd -f -p 80 -h /www & wait\"]\n");
  }

  private static void git(String... args) {
    List<String> argv = new ArrayList<>(List.of("git", "-c", "user.name=it", "-c", "user.email=it@example.com"));
    argv.addAll(List.of(args));
    assertThat(new ProcessRunner().run(LocalCommand.of(argv).in(project), OutputListener.NONE).exitCode()).isZero();
  }

  private static void commit(String message) {
    git("add", ".");
    git("commit", "-q", "-m", message);
  }

  private static LoadedConfig load(String version) {
    return ConfigLoader.load(new ConfigRequest(project, null, null, version, Map.of()));
  }

  /** build push + build pull + app boot of {@code version}, as the deploy flow will chain them. */
  private static List<BootResult> deploy(String version, GroupHooks hooks) {
    LoadedConfig loaded = load(version);
    console.redact(loaded.secrets().values());
    BuildPlan plan = BuildPlan.of(loaded.config(), loaded.secrets(), version);
    new ImageBuilder(runner, console, project).buildAndPush(plan, io.sextant.build.BuildFlags.DEFAULT, () -> {});
    List<String> ips = hosts.stream().map(TestHost::ip).toList();
    new ImagePuller(ssh, console).pull(ips, plan.commands(), plan.registry(), plan.registryPassword());
    List<Role> roles = loaded.config().roles();
    return new AppBooter(ssh, console, loaded.config(), loaded.secrets(), version).boot(ips, roles, hooks);
  }

  private static String onHost(TestHost host, String command) {
    return ssh.run(host.ip(), command).stdout().strip();
  }

  private static String status(TestHost host, String container) {
    return onHost(host, "docker inspect --format '{{.State.Status}}' " + container);
  }

  @Test
  @Order(1)
  void firstDeployBuildsPushesPullsAndBootsOnBothHostsGroupByGroup() {
    List<String> events = new CopyOnWriteArrayList<>();
    GroupHooks hooks = new GroupHooks() {
      @Override
      public void beforeGroup(List<String> group) {
        events.add("pre-app-boot " + String.join(",", group));
      }

      @Override
      public void afterGroup(List<String> group) {
        events.add("post-app-boot " + String.join(",", group));
      }
    };

    List<BootResult> results = deploy("v1-" + RUN, hooks);

    String container = SERVICE + "-web-v1-" + RUN;
    assertThat(results).extracting(BootResult::container).containsExactly(container, container);
    assertThat(results).extracting(BootResult::previousVersion).containsOnlyNulls();
    assertThat(events).containsExactly(
        "pre-app-boot " + hosts.get(0).ip(), "post-app-boot " + hosts.get(0).ip(),
        "pre-app-boot " + hosts.get(1).ip(), "post-app-boot " + hosts.get(1).ip());
    for (TestHost host : hosts) {
      assertThat(status(host, container)).isEqualTo("running");
      assertThat(onHost(host, "docker exec " + container + " wget -qO- http://127.0.0.1/up")).isEqualTo("v1");
      String envFile = ".kamal/apps/" + SERVICE + "/env/roles/web.env";
      assertThat(onHost(host, "stat -c %a " + envFile)).isEqualTo("600");
      assertThat(onHost(host, "docker exec " + container + " sh -c 'echo \"$GREETING|$APP_SECRET|$KAMAL_HOST\"'"))
          .isEqualTo("hello world|s3cr3t-" + RUN + "|" + host.ip());
      assertThat(onHost(host, "docker inspect --format '{{index .Config.Labels \"service\"}}"
          + " {{index .Config.Labels \"role\"}}' " + container)).isEqualTo(SERVICE + " web");
      assertThat(onHost(host, "docker image inspect --format '{{.Id}}' " + set.registry().image(
          "sextant/" + SERVICE + ":latest"))).startsWith("sha256:");
    }
    assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain(set.registry().password(), "s3cr3t-" + RUN);
  }

  @Test
  @Order(2)
  void secondDeployStartsTheNewVersionThenStopsTheOldOne() throws IOException {
    writeApp("v2", "");
    commit("v2");

    List<BootResult> results = deploy("v2-" + RUN, GroupHooks.NONE);

    assertThat(results).extracting(BootResult::previousVersion).containsOnly("v1-" + RUN);
    for (TestHost host : hosts) {
      assertThat(status(host, SERVICE + "-web-v2-" + RUN)).isEqualTo("running");
      assertThat(status(host, SERVICE + "-web-v1-" + RUN)).isEqualTo("exited");
      assertThat(onHost(host, "docker exec " + SERVICE + "-web-v2-" + RUN + " wget -qO- http://127.0.0.1/up"))
          .isEqualTo("v2");
    }
  }

  @Test
  @Order(3)
  void aFailingHealthcheckReportsTheLastLogLinesAndLeavesTheOldVersionRunning() throws IOException {
    writeApp("v3", "HEALTHCHECK --interval=1s --timeout=1s --retries=1 CMD false\n");
    commit("v3 with a failing healthcheck");
    String v3 = "v3-" + RUN;

    assertThatThrownBy(() -> deploy(v3, GroupHooks.NONE))
        .isInstanceOf(AppBootException.class)
        .satisfies(e -> {
          AppBootException failure = (AppBootException) e;
          // boot.limit 1: the first group fails, so the second host is never touched
          assertThat(failure.failedHosts()).containsExactly(hosts.get(0).ip());
          assertThat(failure.failures().get(0).step()).isEqualTo("readiness");
        })
        .hasMessageContaining(hosts.get(0).ip() + ": role web: readiness failed: " + SERVICE + "-web-" + v3
            + " not ready after 6s (unhealthy)")
        .hasMessageContaining("last log lines of " + SERVICE + "-web-" + v3)
        .hasMessageContaining("booting v3");

    TestHost first = hosts.get(0);
    assertThat(status(first, SERVICE + "-web-v2-" + RUN)).isEqualTo("running");
    assertThat(status(first, SERVICE + "-web-" + v3)).isEqualTo("exited");
    assertThat(onHost(hosts.get(1), "docker ps -a --format '{{.Names}}' --filter name=" + SERVICE + "-web-" + v3))
        .isEmpty();
  }

  @Test
  @Order(4)
  void aRolePublishingAHostPortStopsItsOldContainerFirstAndSaysSo() throws IOException {
    writeConfig("");
    Files.writeString(project.resolve("config/deploy.yml"), Files.readString(project.resolve("config/deploy.yml"))
        .replace("    proxy: false\n", "    proxy: false\n    options:\n      publish: \"8080:80\"\n"));
    writeApp("v4", "");
    commit("v4");
    deploy("v4-" + RUN, GroupHooks.NONE);
    output.reset();
    writeApp("v5", "");
    commit("v5");

    deploy("v5-" + RUN, GroupHooks.NONE);

    assertThat(output.toString(StandardCharsets.UTF_8))
        .contains("publishes host port(s) 8080:80, so " + SERVICE + "-web-v4-" + RUN + " is stopped before "
            + SERVICE + "-web-v5-" + RUN + " starts");
    for (TestHost host : hosts) {
      assertThat(onHost(host, "busybox wget -qO- http://127.0.0.1:8080/up")).isEqualTo("v5");
      assertThat(status(host, SERVICE + "-web-v4-" + RUN)).isEqualTo("exited");
    }
  }

  @Test
  @Order(5)
  void whenTheNewVersionOfAPublishingRoleFailsTheOldContainerIsStartedAgain() throws IOException {
    writeApp("v6", "HEALTHCHECK --interval=1s --timeout=1s --retries=1 CMD false\n");
    commit("v6 with a failing healthcheck");
    String v6 = "v6-" + RUN;

    assertThatThrownBy(() -> deploy(v6, GroupHooks.NONE))
        .isInstanceOf(AppBootException.class)
        .hasMessageContaining("readiness failed: " + SERVICE + "-web-" + v6 + " not ready after 6s (unhealthy)")
        .hasMessageContaining("(" + SERVICE + "-web-v5-" + RUN + " was started again)");

    TestHost first = hosts.get(0);
    assertThat(status(first, SERVICE + "-web-" + v6)).isEqualTo("exited");
    assertThat(status(first, SERVICE + "-web-v5-" + RUN)).isEqualTo("running");
    assertThat(onHost(first, "busybox wget -qO- http://127.0.0.1:8080/up")).isEqualTo("v5");
  }

  @Test
  @Order(0)
  void serverBootstrapFindsDockerOnEveryHostThenRunsDockerSetup() {
    List<String> setupRuns = new CopyOnWriteArrayList<>();
    List<String> ips = hosts.stream().map(TestHost::ip).toList();

    new ServerBootstrap(ssh, console).run(ips, () -> setupRuns.add("docker-setup"));

    assertThat(setupRuns).containsExactly("docker-setup");
    for (TestHost host : hosts) {
      assertThat(ssh.run(host.ip(), "test -d .kamal").ok()).isTrue();
    }
  }

  @Test
  @Order(6)
  void redeployingTheRunningVersionRenamesTheOldContainerAndReplacesIt() throws IOException {
    writeApp("v5", "");
    commit("back to v5");
    String v5 = "v5-" + RUN;

    List<BootResult> results = deploy(v5, GroupHooks.NONE);

    assertThat(results).extracting(BootResult::previousVersion).allSatisfy(previous ->
        assertThat(previous).startsWith(v5 + "_replaced_"));
    for (TestHost host : hosts) {
      String renamed = onHost(host, "docker ps -a --format '{{.Names}}' --filter name=" + SERVICE + "-web-" + v5
          + "_replaced_");
      assertThat(renamed).startsWith(SERVICE + "-web-" + v5 + "_replaced_");
      assertThat(status(host, renamed)).isEqualTo("exited");
      assertThat(status(host, SERVICE + "-web-" + v5)).isEqualTo("running");
      assertThat(onHost(host, "busybox wget -qO- http://127.0.0.1:8080/up")).isEqualTo("v5");
    }
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("renaming container " + SERVICE + "-web-" + v5);
  }
}

package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.TestHost;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Deploys behind kamal-proxy on two real test hosts through the launcher, with the configuration {@code sextant
 * init} writes (hosts, registry and SSH key filled in; {@code ssl: false}, as the template says for several web
 * servers), and proves zero downtime with real HTTP traffic through the proxy on both hosts. The tests build on
 * each other (one project, versions v1 → v2 → v3 → back to v2), in order.
 * {@link ProxyDeployColdIT} calls some of these tests as plain methods, on the cold path: what a test needs is
 * set up in its own body or in {@code setUp}, never in a {@code @BeforeEach} the twin would not run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyDeployIT {
  private static final String HOST_HEADER = "app.example.com";
  private static final int CLIENTS = 16;

  static DeployProject project; // package-private: ProxyDeployColdIT runs two of these tests with it cold
  private static String v2;

  @BeforeAll
  static void setUp() throws Exception {
    project = new DeployProject("pxd" + Long.toHexString(System.nanoTime() & 0xffffff));
    project.set.ensureKamalProxyImage();
    Files.writeString(project.dir.resolve(".kamal/secrets"),
        "KAMAL_REGISTRY_PASSWORD=" + project.password() + "\nRAILS_MASTER_KEY=not-used\n");
    Files.writeString(project.dir.resolve("config/deploy.yml"), initConfig());
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (project != null) {
      for (TestHost host : project.hosts) {
        project.set.ssh(host, "docker exec kamal-proxy kamal-proxy remove " + project.service + "-web || true");
      }
      project.close();
    }
  }

  /** What {@code sextant init} writes, with this project's service, hosts, registry and key filled in. */
  private static String initConfig() throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("sextant-init-");
    Process init = new ProcessBuilder(DeployProject.launcher().toString(), "init").directory(scratch.toFile())
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(init.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(init.exitValue()).as(output).isZero();
    String written = Files.readString(scratch.resolve("config/deploy.yml"));
    assertThat(written).contains("proxy:\n  ssl: true\n  host: app.example.com\n").doesNotContain("proxy: false");
    String filled = written
        .replace("service: my-app", "service: " + project.service)
        .replace("image: my-user/my-app", "image: sextant/" + project.service)
        .replace("  web:\n    - 192.168.0.1\n",
            "  web:\n    - " + project.hosts.get(0).ip() + "\n    - " + project.hosts.get(1).ip() + "\n")
        .replace("  ssl: true\n", "  ssl: false\n")
        // buildx's default docker-container driver needs the moby/buildkit image, which cannot be pulled here
        .replace("builder:\n  arch: amd64\n", "builder:\n  arch: amd64\n  driver: docker\n")
        .replace("  server: localhost:5555\n", "  server: " + project.set.registry().address() + "\n  username: "
            + project.set.registry().username() + "\n  password:\n    - KAMAL_REGISTRY_PASSWORD\n")
        + "ssh:\n  keys:\n    - " + project.set.privateKey() + "\n  keys_only: true\ndeploy_timeout: 6\n";
    assertThat(filled).as("every placeholder was found").doesNotContain("my-app", "192.168.0.1\n    - ", "localhost:5555")
        .contains("ssl: false", project.hosts.get(1).ip(), "driver: docker");
    return filled;
  }

  private static String answerOf(TestHost host) throws IOException {
    HttpLoad.Answer answer = HttpLoad.get(host.ip(), HOST_HEADER);
    assertThat(answer.status()).as("HTTP status from %s: %s", host.ip(), answer.body()).isEqualTo(200);
    return answer.body().strip();
  }

  @Test
  @Order(1)
  void theConfigInitWritesDeploysBehindTheProxyOnTwoHosts() throws Exception {
    project.commitApp("v1", "");

    DeployProject.Run run = project.sextant("deploy");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).contains("Ensure kamal-proxy is running...");
    for (TestHost host : project.hosts) {
      assertThat(answerOf(host)).isEqualTo("v1");
      assertThat(project.set.ssh(host, "docker exec kamal-proxy kamal-proxy list").requireOk().stdout())
          .contains(project.service + "-web");
    }
  }

  @Test
  @Order(2)
  void deployRedeployAndRollbackUnderLoadLoseNoRequest() throws Exception {
    try (HttpLoad load = new HttpLoad(project.hosts.stream().map(TestHost::ip).toList(), HOST_HEADER, CLIENTS)) {
      v2 = project.commitApp("v2", "");
      expectServed(load, project.sextant("deploy"), "v2");

      project.commitApp("v3", "");
      expectServed(load, project.sextant("redeploy"), "v3");

      expectServed(load, project.sextant("rollback", v2), "v2");

      assertThat(load.failures()).as("failed requests out of %d", load.requests()).isEmpty();
      assertThat(load.requests()).isGreaterThan(100);
    }
  }

  /** The command succeeded, and once it returned every host answers {@code version}, and so does the load. */
  private static void expectServed(HttpLoad load, DeployProject.Run run, String version) throws Exception {
    assertThat(run.exitCode()).as(run.toString()).isZero();
    for (TestHost host : project.hosts) {
      assertThat(answerOf(host)).as("after %s", run.args()).isEqualTo(version);
    }
    load.resetAnswers();
    Thread.sleep(500);
    assertThat(load.answers()).as("answers right after %s", run.args()).containsOnlyKeys(version);
  }

  @Test
  @Order(3)
  void aVersionFailingItsHealthCheckFailsTheDeployAndTheOldOneKeepsServing() throws Exception {
    try (HttpLoad load = new HttpLoad(project.hosts.stream().map(TestHost::ip).toList(), HOST_HEADER, CLIENTS)) {
      project.commitApp("broken", "RUN rm /www/up");

      DeployProject.Run run = project.sextant("deploy");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.output()).contains("target failed to become healthy");
      for (TestHost host : project.hosts) {
        assertThat(answerOf(host)).isEqualTo("v2");
      }
      assertThat(project.lockPresent()).as("lock released").isFalse();
      DeployProject.HookRun failure = project.hookRuns().stream()
          .filter(hook -> hook.hook().equals("post-deploy-failure")).findFirst().orElseThrow();
      assertThat(failure.var("KAMAL_FAILED_STEP")).isEqualTo("app-boot:web");
      assertThat(List.of(failure.var("KAMAL_FAILED_HOSTS").split(",")))
          .containsExactlyInAnyOrder(project.hosts.get(0).ip(), project.hosts.get(1).ip());
      assertThat(failure.var("KAMAL_ERROR")).contains("target failed to become healthy");
      load.resetAnswers();
      Thread.sleep(300);
      assertThat(load.answers()).containsOnlyKeys("v2");
      assertThat(load.failures()).as("failed requests out of %d", load.requests()).isEmpty();
    }
  }

  @Test
  @Order(4)
  void aConfigSextantCannotDeployFailsBeforeAnyHook() throws Exception {
    Path config = project.dir.resolve("config/deploy.yml");
    String good = Files.readString(config);
    try {
      Files.writeString(config, good + "env:\n  secret:\n    - MISSING_SECRET\n");

      DeployProject.Run run = project.sextant("deploy");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.stderr()).contains("env/secret (role web): Secret 'MISSING_SECRET' not found in .kamal/secrets");
      assertThat(project.hookLog()).as("no hook ran").doesNotExist();
      for (TestHost host : project.hosts) {
        assertThat(answerOf(host)).isEqualTo("v2");
      }
    } finally {
      Files.writeString(config, good);
    }
  }

  @Test
  @Order(5)
  void appStopTakesTheRoleOutOfTheProxyAndAppStartPutsItBack() throws Exception {
    DeployProject.Run stop = project.sextant("app", "stop");
    assertThat(stop.exitCode()).as(stop.toString()).isZero();
    for (TestHost host : project.hosts) {
      assertThat(HttpLoad.get(host.ip(), HOST_HEADER).status()).as("no route after app stop").isEqualTo(404);
    }

    DeployProject.Run start = project.sextant("--version", v2, "app", "start");

    assertThat(start.exitCode()).as(start.toString()).isZero();
    for (TestHost host : project.hosts) {
      assertThat(answerOf(host)).isEqualTo("v2");
    }
  }

  @Test
  @Order(6)
  void appRemoveTakesTheAppOutOfTheProxy() throws Exception {
    DeployProject.Run run = project.sextant("app", "remove");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    for (TestHost host : project.hosts) {
      assertThat(project.set.ssh(host, "docker exec kamal-proxy kamal-proxy list").requireOk().stdout())
          .doesNotContain(project.service + "-web");
      assertThat(HttpLoad.get(host.ip(), HOST_HEADER).status()).isEqualTo(404);
      assertThat(project.set.ssh(host, "test -e .kamal/proxy/apps-config/" + project.service).ok()).isFalse();
    }
  }
}

package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.deploy.DeployProject.Run;
import io.sextant.testing.CommandResult;
import io.sextant.testing.TestHost;
import io.sextant.testing.TestHosts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 18 item 2 end to end: Kamal's default {@code registry: server: localhost:5555}. The launcher runs the
 * registry container on this machine (the root dockerd, as Kamal's {@code registry setup}:
 * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/registry.rb#L20-L26), pushes there, and the two
 * hosts pull from their own {@code localhost:5555}, forwarded back over their SSH sessions for the pull only
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build.rb#L57-L71). The tests run in order.
 *
 * <p>The registry container's name ({@code kamal-docker-registry}) and port are fixed by Kamal and this machine's
 * root dockerd is shared, so the class holds a file lock for its whole run (another JVM running it waits).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRegistryIT {
  private static final int PORT = 5555;
  private static final String CONTAINER = "kamal-docker-registry";
  private static final String SERVICE = "sxlr" + UUID.randomUUID().toString().substring(0, 6);

  private static FileChannel lockFile;
  private static FileLock lock;
  private static DeployProject project;
  private static String version;

  @BeforeAll
  static void setUp() throws Exception {
    Path lockPath = Path.of("/run/lock/sextant-local-registry-" + PORT + ".lock");
    lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    lock = lockFile.lock();
    project = new DeployProject(SERVICE);
    project.set.ensureLocalRegistryImage();
    rootDocker("rm", "-f", CONTAINER); // a container left by an interrupted run would carry its old images
    Files.writeString(project.dir.resolve("config/deploy.yml"), """
        service: %s
        servers:
          web:
            hosts:
              - %s
              - %s
            proxy: false
            cmd: sh -c 'while true; do sleep 1; done'
        registry:
          server: localhost:%d
        builder:
          arch: amd64
          driver: docker
        ssh:
          keys:
            - %s
          keys_only: true
        stop_timeout: 1
        """.formatted(SERVICE, ip(0), ip(1), PORT, project.set.privateKey()));
    version = project.commitApp("local registry", "");
  }

  @AfterAll
  static void tearDown() throws Exception {
    try {
      if (project != null) {
        rootDocker("rm", "-f", CONTAINER);
        for (TestHost host : project.hosts) {
          project.set.ssh(host, "docker image ls -q localhost:" + PORT + "/" + SERVICE + " | xargs -r docker rmi -f");
        }
        project.close();
      }
    } finally {
      if (lock != null) {
        lock.release();
        lockFile.close();
      }
    }
  }

  @Test
  @Order(1)
  void deployRunsTheRegistryHereAndTheHostsPullThroughForwardsClosedAfterwards() throws Exception {
    for (TestHost host : project.hosts) {
      assertThat(listening(host)).as("nothing listens on %s before", host.ip()).isEmpty();
    }

    Run run = project.sextant("deploy");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).contains("Setting up local registry port forwarding to " + ip(0) + ", " + ip(1) + "...");
    String image = "localhost:" + PORT + "/" + SERVICE + ":" + version;
    assertThat(rootDocker("ps", "--filter", "name=^" + CONTAINER + "$", "--format", "{{.Image}} {{.Ports}}")
        .stdout().strip()).isEqualTo("registry:3 127.0.0.1:" + PORT + "->5000/tcp");
    assertThat(tags()).contains("\"" + version + "\"");
    for (TestHost host : project.hosts) {
      assertThat(project.running(host)).containsExactly(SERVICE + "-web-" + version);
      assertThat(project.set.ssh(host, "docker image inspect -f '{{.Id}}' " + image).ok())
          .as("%s pulled %s", host.ip(), image).isTrue();
      assertThat(listening(host)).as("no forward left open on %s", host.ip()).isEmpty();
      CommandResult pull = project.set.ssh(host, "docker pull " + image);
      assertThat(pull.ok()).as("without the forward %s cannot reach the registry", host.ip()).isFalse();
    }
    assertThat(run.processes()).as("no ssh process: the forwards ride Sextant's own sessions")
        .noneMatch(line -> line.matches("(\\S*/)?ssh .*-R.*"));
  }

  @Test
  @Order(2)
  void redeployReusesTheRunningRegistry() throws Exception {
    String before = rootDocker("inspect", "-f", "{{.Id}}", CONTAINER).stdout().strip();
    version = project.commitApp("local registry again", "");

    Run run = project.sextant("redeploy");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(rootDocker("inspect", "-f", "{{.Id}}", CONTAINER).stdout().strip()).isEqualTo(before);
    for (TestHost host : project.hosts) {
      assertThat(project.running(host)).containsExactly(SERVICE + "-web-" + version);
      assertThat(listening(host)).isEmpty();
    }
  }

  @Test
  @Order(3)
  void loginAndLogoutAreRefusedWithALocalRegistry() throws Exception {
    Run login = project.sextant("registry", "login");
    assertThat(login.exitCode()).as(login.toString()).isEqualTo(2);
    assertThat(login.stderr().strip()).isEqualTo(
        "ERROR: Cannot use login command with a local registry. Use `sextant registry setup` instead.");
    Run logout = project.sextant("registry", "logout");
    assertThat(logout.exitCode()).as(logout.toString()).isEqualTo(2);
    assertThat(logout.stderr().strip()).isEqualTo(
        "ERROR: Cannot use logout command with a local registry. Use `sextant registry remove` instead.");
    assertThat(project.hookNames()).as("nothing ran, not even pre-connect").isEmpty();
  }

  @Test
  @Order(4)
  void removeThenSetupRecreateTheContainerWithoutContactingTheHosts() throws Exception {
    Run remove = project.sextant("registry", "remove");
    assertThat(remove.exitCode()).as(remove.toString()).isZero();
    assertThat(rootDocker("container", "inspect", CONTAINER).ok()).as("container removed").isFalse();
    assertThat(project.hookNames()).as("no pre-connect: the hosts are not contacted").isEmpty();

    Run again = project.sextant("registry", "remove");
    assertThat(again.exitCode()).as("removing a registry that is not there is fine, as in Kamal: %s", again)
        .isZero();

    Run setup = project.sextant("registry", "setup");
    assertThat(setup.exitCode()).as(setup.toString()).isZero();
    assertThat(rootDocker("ps", "--filter", "name=^" + CONTAINER + "$", "--format", "{{.Ports}}").stdout().strip())
        .isEqualTo("127.0.0.1:" + PORT + "->5000/tcp");
    assertThat(project.hookNames()).isEmpty();

    rootDocker("stop", CONTAINER).requireOk();
    Run restart = project.sextant("registry", "setup");
    assertThat(restart.exitCode()).as(restart.toString()).isZero();
    assertThat(rootDocker("inspect", "-f", "{{.State.Running}}", CONTAINER).stdout().strip()).isEqualTo("true");
  }

  private static String ip(int index) {
    return project.hosts.get(index).ip();
  }

  /** The host's listening TCP sockets on the registry's port (empty when nothing listens). */
  private static String listening(TestHost host) {
    return project.set.ssh(host, "ss -Hltn 'sport = :" + PORT + "'").requireOk().stdout().strip();
  }

  /** The tags of the service's repository in the local registry, from this machine's loopback. */
  private static String tags() throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + PORT + "/v2/" + SERVICE + "/tags/list")).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static CommandResult rootDocker(String... args) {
    return TestHosts.shared().docker(args);
  }
}

package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.deploy.DeployProject.Run;
import io.sextant.testing.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code registry setup | login | logout | remove} with {@code -L}/{@code -R} against the test set's registry
 * (htpasswd auth), as Kamal's test/cli/registry_test.rb expects of each
 * (https://github.com/basecamp/kamal/blob/v2.12.0/test/cli/registry_test.rb): the local part logs this machine's
 * docker client in or out (a {@code DOCKER_CONFIG} of the test's own), the remote part every host's. The password
 * comes from {@code .kamal/secrets} and goes on stdin only: the last test checks that it never showed in any
 * output or process list. The tests run in order, each from the state the previous left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryLoginIT {
  private static final String SERVICE = "sxrl" + UUID.randomUUID().toString().substring(0, 6);
  private static final List<Run> runs = new ArrayList<>();

  private static DeployProject project;
  private static Path dockerConfig;

  @BeforeAll
  static void setUp() throws Exception {
    project = new DeployProject(SERVICE);
    project.writeConfig("up", "");
    project.commitApp("registry login", ""); // hooks get KAMAL_VERSION: the git HEAD
    dockerConfig = Files.createTempDirectory("sextant-registry-login-docker-");
    project.extraEnv.put("DOCKER_CONFIG", dockerConfig.toString());
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (project != null) {
      project.close();
    }
    if (dockerConfig != null) {
      Files.deleteIfExists(dockerConfig.resolve("config.json"));
      Files.deleteIfExists(dockerConfig);
    }
  }

  @Test
  @Order(1)
  void setupLogsInHereAndOnEveryHost() throws Exception {
    Run run = sextant("registry", "setup");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(loggedInHere()).isTrue();
    assertThat(loggedInOn()).containsExactly(true, true);
    assertThat(project.hookNames()).as("the remote part connects").containsExactly("pre-connect");
  }

  @Test
  @Order(2)
  void logoutSkippingLocalLogsOutTheHostsOnly() throws Exception {
    Run run = sextant("registry", "logout", "-L");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(loggedInHere()).isTrue();
    assertThat(loggedInOn()).containsExactly(false, false);
  }

  @Test
  @Order(3)
  void removeSkippingRemoteLogsOutHereWithoutContactingTheHosts() throws Exception {
    Run run = sextant("registry", "remove", "--skip-remote");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(loggedInHere()).isFalse();
    assertThat(project.hookNames()).as("no connection, no pre-connect").isEmpty();
  }

  @Test
  @Order(4)
  void loginSkippingLocalThenSkippingRemote() throws Exception {
    Run remote = sextant("registry", "login", "--skip_local");
    assertThat(remote.exitCode()).as(remote.toString()).isZero();
    assertThat(loggedInHere()).isFalse();
    assertThat(loggedInOn()).containsExactly(true, true);

    Run local = sextant("registry", "login", "-R");
    assertThat(local.exitCode()).as(local.toString()).isZero();
    assertThat(loggedInHere()).isTrue();
    assertThat(project.hookNames()).isEmpty();
  }

  @Test
  @Order(5)
  void aWrongPasswordFailsNamingEachHostWithoutShowingIt() throws Exception {
    Path secrets = project.dir.resolve(".kamal/secrets");
    String kept = Files.readString(secrets);
    String wrong = "wrong-" + UUID.randomUUID();
    Files.writeString(secrets, "KAMAL_REGISTRY_PASSWORD=" + wrong + "\n");
    try {
      Run run = sextant("registry", "login", "-L");
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      for (TestHost host : project.hosts) {
        assertThat(run.stderr()).as(run.toString()).contains(host.ip() + ": docker login failed (exit 1)");
      }
      assertThat(run.stderr()).doesNotContain("\tat ");
      assertThat(run.output()).doesNotContain(wrong);
      assertThat(run.processes()).noneMatch(line -> line.contains(wrong));
    } finally {
      Files.writeString(secrets, kept);
    }
  }

  @Test
  @Order(6)
  void removeLogsOutEverywhere() throws Exception {
    Run run = sextant("registry", "remove");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(loggedInHere()).isFalse();
    assertThat(loggedInOn()).containsExactly(false, false);
  }

  // Kamal's remove ends with `registry remove --skip-local`:
  // https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L187-L198
  @Test
  @Order(7)
  void theWholeServiceRemoveLogsTheHostsOutButNotThisMachine() throws Exception {
    assertThat(sextant("registry", "setup").exitCode()).isZero();
    assertThat(loggedInOn()).containsExactly(true, true);

    Run run = sextant("remove", "-y");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(loggedInOn()).containsExactly(false, false);
    assertThat(loggedInHere()).isTrue();
  }

  @Test
  @Order(8)
  void thePasswordNeverShowed() {
    String password = project.password();
    assertThat(runs).hasSizeGreaterThan(5);
    for (Run each : runs) {
      assertThat(each.output()).as(each.toString()).doesNotContain(password);
      assertThat(each.processes()).as("process list during %s", each.args()).noneMatch(line -> line.contains(password));
    }
  }

  private static Run sextant(String... args) throws Exception {
    Run run = project.sextant(args);
    runs.add(run);
    return run;
  }

  /** Whether this machine's docker client (the test's DOCKER_CONFIG) holds credentials for the registry. */
  private static boolean loggedInHere() throws Exception {
    Path config = dockerConfig.resolve("config.json");
    return Files.exists(config) && Files.readString(config).contains("\"" + project.set.registry().address() + "\"");
  }

  /** For each host, whether its docker client holds credentials for the registry. */
  private static List<Boolean> loggedInOn() {
    String registry = project.set.registry().address();
    return project.hosts.stream().map(host -> project.set.ssh(host, "cat ~/.docker/config.json 2>/dev/null || true")
        .stdout().contains("\"" + registry + "\"")).toList();
  }
}

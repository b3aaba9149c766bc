package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.deploy.DeployProject.Run;
import io.sextant.testing.CommandResult;
import io.sextant.testing.TestHost;
import io.sextant.testing.TestHosts;
import java.io.File;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 18: a remote builder ({@code builder.remote: ssh://root@HOST}, HOST not one of {@code servers}) with
 * Kamal's local registry ({@code registry: server: localhost:5555}), through the launcher. Kamal's {@code build push}
 * forwards the registry's port to the builder's host around the builder check and the build
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build.rb#L40-L67, 216-241), and {@code build create}
 * first checks an {@code ssh://} remote answers, pre-connect first (build.rb#L87-L91, 161-172).
 *
 * <p>A build cannot finish on the remote builder here: its BuildKit image ({@code moby/buildkit}) cannot be pulled.
 * So a stand-in {@code docker} in front of the real one records every call and, when {@code docker buildx build}
 * starts, asks the builder's host what listens on its 5555 and fetches a marker image's tags from its
 * {@code 127.0.0.1:5555}, which only the forward to this machine's registry can answer. Then the real docker runs
 * and fails with buildx's own error.
 *
 * <p>Holds the same file lock as {@link LocalRegistryIT}: the registry container's name and port are Kamal's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteBuilderForwardIT {
  private static final int PORT = 5555;
  private static final String CONTAINER = "kamal-docker-registry";
  private static final String SERVICE = "sxrb" + UUID.randomUUID().toString().substring(0, 6);
  private static final String MARKER = SERVICE + "-marker";

  private static FileChannel lockFile;
  private static FileLock lock;
  private static DeployProject project;
  private static TestHost builderHost;
  private static Path bin;
  private static Path dockerConfig;
  private static Path events;
  private static Path probe;

  @BeforeAll
  static void setUp() throws Exception {
    lockFile = FileChannel.open(Path.of("/run/lock/sextant-local-registry-" + PORT + ".lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    lock = lockFile.lock();
    project = new DeployProject(SERVICE);
    assertThat(project.set.hosts()).as("a third host, outside servers, is the builder").hasSizeGreaterThan(2);
    builderHost = project.set.hosts().get(2);
    project.set.ensureLocalRegistryImage();
    rootDocker("rm", "-f", CONTAINER);
    // Outside the git work tree: the build would list them as uncommitted changes.
    events = project.home.resolve("events.log");
    probe = project.home.resolve("probe.log");
    dockerConfig = Files.createDirectories(project.home.resolve("docker-config"));
    Path rootConfig = project.set.dockerConfig().resolve("config.json");
    if (Files.exists(rootConfig)) { // buildx keeps its builders and contexts next to it
      Files.copy(rootConfig, dockerConfig.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
    }
    bin = Files.createDirectories(project.home.resolve("bin"));
    writeStandIns();
    writeConfig("ssh://root@" + builderHost.ip());
    project.commitApp("remote builder", "");
    // pre-connect notes when it ran in the same log as every docker call.
    project.alsoRun("pre-connect", "echo pre-connect >> " + events);
  }

  @AfterAll
  static void tearDown() throws Exception {
    try {
      if (project != null) {
        rootDocker("rm", "-f", CONTAINER);
        project.close();
      }
    } finally {
      if (lock != null) {
        lock.release();
        lockFile.close();
      }
    }
  }

  /**
   * {@code docker}: logs its arguments; at {@code buildx build}, records what the builder's host sees on 5555, then
   * waits while {@code hold-build} exists (for the Ctrl-C test); then the real docker. {@code ssh}: the set's key
   * and known_hosts, for Docker's own {@code ssh://} context.
   */
  private static void writeStandIns() throws Exception {
    String realDocker = which("docker");
    String realSsh = which("ssh");
    String ssh = realSsh + " -F /dev/null -i " + project.set.privateKey() + " -o UserKnownHostsFile="
        + project.set.knownHosts() + " -o IdentitiesOnly=yes -o BatchMode=yes";
    Path hold = project.home.resolve("hold-build");
    script("ssh", "exec " + ssh + " \"$@\"\n");
    script("docker", """
        echo "docker $*" >> %1$s
        if [ "$1 $2" = "buildx build" ]; then
          %2$s root@%3$s "ss -Hltn 'sport = :%4$d'; echo ---; curl -s -m 10 http://127.0.0.1:%4$d/v2/%5$s/tags/list" > %6$s 2>&1
          if [ -e %7$s ]; then
            echo build-held >> %1$s
            n=0; while [ -e %7$s ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n+1)); done
          fi
        fi
        exec %8$s "$@"
        """.formatted(events, ssh, builderHost.ip(), PORT, MARKER, probe, hold, realDocker));
  }

  private static void script(String name, String body) throws Exception {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String which(String command) throws Exception {
    Process process = new ProcessBuilder("sh", "-c", "command -v " + command).start();
    String path = new String(process.getInputStream().readAllBytes()).strip();
    assertThat(process.waitFor()).as("%s on PATH", command).isZero();
    return path;
  }

  private static void writeConfig(String remote) throws Exception {
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
          local: false
          remote: %s
        ssh:
          keys:
            - %s
          keys_only: true
        stop_timeout: 1
        """.formatted(SERVICE, project.hosts.get(0).ip(), project.hosts.get(1).ip(), PORT, remote,
        project.set.privateKey()));
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("DOCKER_CONFIG", dockerConfig.toString());
    env.put("PATH", bin + ":" + System.getenv("PATH"));
    return env;
  }

  private static Run sextant(String... args) throws Exception {
    Files.deleteIfExists(events);
    Files.deleteIfExists(probe);
    return project.sextant(env(), args);
  }

  private static List<String> events() throws Exception {
    return Files.exists(events) ? Files.readAllLines(events) : List.of();
  }

  private static int firstIndex(List<String> lines, String containing) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(containing)) {
        return i;
      }
    }
    return -1;
  }

  /** What listens on the registry's port on the builder's host (empty when nothing). */
  private static String builderListening() {
    return project.set.ssh(builderHost, "ss -Hltn 'sport = :" + PORT + "'").requireOk().stdout().strip();
  }

  private static String contextName() {
    return "kamal-remote-ssh---root-" + builderHost.ip().replace('.', '-') + "-local-registry-context";
  }

  @Test
  @Order(1)
  void buildCreateWithAnUnreachableSshRemoteFailsWithKamalsErrorAfterPreConnect() throws Exception {
    writeConfig("ssh://root@" + builderHost.ip() + ":2"); // nothing listens on port 2

    Run run = sextant("build", "create");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    // K:lib/kamal/cli/build.rb:161-172 + bin/kamal: "Exception while executing on host HOST: <cause>"
    assertThat(run.stderr().strip()).as(run.toString()).doesNotContain("\n")
        .startsWith("ERROR: Exception while executing on host " + builderHost.ip() + ": ")
        .contains("connection refused");
    assertThat(project.hookNames()).containsExactly("pre-connect");
    assertThat(events()).contains("pre-connect").noneMatch(call -> call.startsWith("docker context create"));
    writeConfig("ssh://root@" + builderHost.ip());
  }

  @Test
  @Order(2)
  void buildCreateFiresPreConnectBeforeTheRemoteContextAndMinusHSkipsIt() throws Exception {
    Run create = sextant("build", "create", "--verbose");

    assertThat(create.exitCode()).as(create.toString()).isZero();
    // K:test/cli/build_test.rb:334-340: the builder's host is reached (after pre-connect) before the context
    assertThat(create.stdout()).containsSubsequence("Running hook pre-connect",
        "Running /usr/bin/env true on " + builderHost.ip(), "docker context create");
    List<String> calls = events();
    assertThat(calls).as("pre-connect, then Docker's context for the builder").first().isEqualTo("pre-connect");
    assertThat(firstIndex(calls, "docker context create " + contextName())).isPositive();
    assertThat(project.hookNames()).containsExactly("pre-connect");
    // K:test/cli/build_test.rb:441-446: the local-registry builder runs on the host's network
    assertThat(create.stdout()).contains("--driver-opt network=host");

    assertThat(sextant("build", "remove").exitCode()).isZero();
    Run skipped = sextant("build", "create", "-H");
    assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
    assertThat(project.hookNames()).as("-H: no hook at all").isEmpty();
    assertThat(events()).doesNotContain("pre-connect");
    assertThat(firstIndex(events(), "docker context create " + contextName())).isNotNegative();
    assertThat(sextant("build", "remove").exitCode()).isZero();
  }

  @Test
  @Order(3)
  void deployForwardsTheRegistryToTheBuilderDuringTheBuildThenClosesIt() throws Exception {
    assertThat(builderListening()).as("nothing listens on the builder before").isEmpty();
    // The registry, with a marker image only it has, so that an answer on the builder's 5555 proves the route.
    Run setup = sextant("registry", "setup");
    assertThat(setup.exitCode()).as(setup.toString()).isZero();
    rootDocker("tag", project.set.baseImage(), "localhost:" + PORT + "/" + MARKER + ":probe").requireOk();
    rootDocker("push", "localhost:" + PORT + "/" + MARKER + ":probe").requireOk();

    Run run = sextant("deploy", "--verbose");

    // buildx's own error (its BuildKit image cannot be pulled on the host), not a hang
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stderr()).as(run.toString()).contains("booting buildkit").doesNotContain("\tat ");
    assertThat(run.stdout()).contains("Setting up local registry port forwarding to " + builderHost.ip() + "...")
        .doesNotContain("uncommitted changes");
    String seen = Files.readString(probe);
    assertThat(seen).as("during the build the builder's host listens on its loopback")
        .containsPattern("LISTEN\\s+\\d+\\s+\\d+\\s+127\\.0\\.0\\.1:" + PORT + "\\s");
    assertThat(seen).as("and that port is this machine's registry").contains("\"name\":\"" + MARKER + "\"")
        .contains("\"probe\"");
    // K:lib/kamal/cli/build.rb:45-53, 87-91: the missing builder is created, its host checked first
    assertThat(run.stdout()).contains("Running /usr/bin/env true on " + builderHost.ip());
    assertThat(builderListening()).as("the forward is closed afterwards").isEmpty();
    assertThat(project.lockPresent()).as("the lock is not left").isFalse();
    List<String> calls = events();
    int preConnect = calls.indexOf("pre-connect");
    int firstRemote = firstIndex(calls, "kamal-remote-ssh---root-");
    assertThat(preConnect).as("%s", calls).isNotNegative().isLessThan(firstRemote);
    assertThat(project.hookNames()).as("pre-connect once, pre-build, then the failure hook")
        .containsExactly("pre-connect", "pre-build", "post-deploy-failure");
    assertThat(run.processes()).as("no ssh process: the forward rides Sextant's own session")
        .noneMatch(line -> line.matches("(\\S*/)?ssh .*-R.*"));
  }

  @Test
  @Order(4)
  void ctrlCDuringTheBuildClosesTheForward() throws Exception {
    Path hold = project.home.resolve("hold-build");
    Files.writeString(hold, "");
    Files.deleteIfExists(events);
    Path out = Files.createTempFile(project.home, "run-interrupted-", ".out");
    ProcessBuilder builder = new ProcessBuilder(DeployProject.launcher().toString(), "build", "push")
        .directory(project.dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().put("HOME", project.home.toString());
    builder.environment().putAll(env());
    builder.environment().remove("VERSION");
    builder.environment().remove("SSH_AUTH_SOCK");
    Process push = builder.start();
    try {
      long deadline = System.currentTimeMillis() + 120_000;
      while (!events().contains("build-held") && push.isAlive() && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      assertThat(push.isAlive()).as(Files.readString(out)).isTrue();
      assertThat(builderListening()).as("listening while the build runs").contains("127.0.0.1:" + PORT);
      assertThat(new ProcessBuilder("kill", "-INT", Long.toString(push.pid())).start().waitFor()).isZero();
      assertThat(push.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(out)).isTrue();
    } finally {
      push.destroyForcibly();
      Files.deleteIfExists(hold); // lets the held stand-in go on (its real docker then fails on its own)
    }
    assertThat(push.exitValue()).as(Files.readString(out)).isEqualTo(130);
    assertThat(builderListening()).as("the forward is closed after Ctrl-C").isEmpty();
  }

  @Test
  @Order(5)
  void aBuilderHostThatDoesNotAnswerStopsThePushBeforeAnyBuildOnOneLine() throws Exception {
    writeConfig("ssh://root@" + builderHost.ip() + ":2"); // nothing listens on port 2
    try {
      Run run = sextant("build", "push");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.stderr().strip()).as(run.toString()).isEqualTo("ERROR: " + builderHost.ip()
          + ": port forwarding could not run: connection refused (root@" + builderHost.ip() + ":2)");
      assertThat(events()).as("no builder check, no build")
          .noneMatch(call -> call.startsWith("docker buildx inspect") || call.startsWith("docker buildx build"));
    } finally {
      writeConfig("ssh://root@" + builderHost.ip());
    }
  }

  private static CommandResult rootDocker(String... args) {
    return TestHosts.shared().docker(args);
  }
}

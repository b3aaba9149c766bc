package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.AgentMode;
import io.sextant.testing.CommandResult;
import io.sextant.testing.TestHost;
import io.sextant.testing.TestHosts;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The inspection and removal commands ({@code app details/containers/images/version/logs/exec/start/stop/
 * stale_containers/remove}, {@code details}, {@code remove}, {@code prune}) end to end: the launcher
 * {@code bin/sextant} deploys two versions of a small app to two real test hosts once, then each command runs
 * as a child process and its effect is checked on the hosts with the OpenSSH client. The tests run in order:
 * later ones build on the state the earlier ones leave (stopped, started, stale, pruned, removed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppCommandsIT {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  private static final Pattern TICK_LINE = Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT[^ ]+Z tick\\r?$");

  Path project;

  TestHosts hosts;
  TestHost host1;
  TestHost host2;
  String service;
  String repository;
  String v1;
  String v2;

  record Run(int exitCode, String stdout, String stderr) {
    Run ok() {
      assertThat(exitCode).as("exit code; stdout:\n%s\nstderr:\n%s", stdout, stderr).isZero();
      return this;
    }

    /** The output under each {@code App Host: <ip>} header, by host. */
    Map<String, String> byHost() {
      Map<String, String> blocks = new LinkedHashMap<>();
      String[] parts = stdout.split("(?m)^App Host: ");
      for (int i = 1; i < parts.length; i++) {
        int eol = parts[i].indexOf('\n');
        String host = eol < 0 ? parts[i].strip() : parts[i].substring(0, eol).strip();
        blocks.merge(host, eol < 0 ? "" : parts[i].substring(eol + 1), String::concat);
      }
      return blocks;
    }
  }

  @BeforeAll
  void deployTwoVersions() throws Exception {
    project = Files.createTempDirectory("sextant-ai-app");
    hosts = TestHosts.shared();
    assertThat(hosts.hosts()).hasSizeGreaterThanOrEqualTo(2);
    host1 = hosts.hosts().get(0);
    host2 = hosts.hosts().get(1);
    service = "ai" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    repository = hosts.registry().address() + "/ai/" + service;

    Path home = project.resolve("home");
    Files.createDirectories(home.resolve(".ssh"));
    Files.copy(hosts.knownHosts(), home.resolve(".ssh/known_hosts"));
    Files.createDirectories(project.resolve("config"));
    Files.createDirectories(project.resolve(".kamal"));
    Files.createDirectories(project.resolve("www"));
    String config = deployYml(null);
    Files.writeString(project.resolve("config/deploy.yml"), config);
    Files.writeString(project.resolve("config/retain1.yml"), deployYml(1));
    Files.writeString(project.resolve(".kamal/secrets"),
        "KAMAL_REGISTRY_PASSWORD=" + hosts.registry().password() + "\n");
    Files.writeString(project.resolve("Dockerfile"), "FROM " + hosts.baseImage() + "\nCOPY www /www\n"
        + "CMD [\"httpd\", \"-f\", \"-p\", \"80\", \"-h\", \"/www\"]\n");
    Files.writeString(project.resolve("www/up"), "ok\n");
    Files.writeString(project.resolve(".gitignore"), "home/\n");

    git("init", "-q");
    git("config", "user.email", "ai@example.com");
    git("config", "user.name", "App IT");
    Files.writeString(project.resolve("www/index.html"), "one\n");
    git("add", "-A");
    git("commit", "-qm", "one");
    v1 = git("rev-parse", "HEAD").strip();
    sextant("deploy").ok();
    Files.writeString(project.resolve("www/index.html"), "two\n");
    git("commit", "-qam", "two");
    v2 = git("rev-parse", "HEAD").strip();
    sextant("deploy").ok();
  }

  private String deployYml(Integer retainContainers) {
    return String.join("\n",
        "service: " + service,
        "image: ai/" + service,
        "builder:",
        "  arch: amd64",
        "  driver: docker",
        "servers:",
        "  web:",
        "    hosts: [" + host1.ip() + ", " + host2.ip() + "]",
        "    proxy: false",
        "    options:",
        "      health-cmd: wget -qO- http://127.0.0.1/up || exit 1",
        "      health-interval: 1s",
        "  workers:",
        "    hosts: [" + host2.ip() + "]",
        "    cmd: sh -c 'trap \"exit 0\" TERM; while true; do echo tick; sleep 1 & wait; done'",
        "registry:",
        "  server: " + hosts.registry().address(),
        "  username: " + hosts.registry().username(),
        "  password: [KAMAL_REGISTRY_PASSWORD]",
        "ssh:",
        "  keys: [" + hosts.privateKey() + "]",
        "  keys_only: true",
        "readiness_delay: 1",
        "stop_timeout: 1",
        retainContainers == null ? "" : "retain_containers: " + retainContainers,
        "");
  }

  @AfterAll
  void removeWhatIsLeft() throws IOException {
    if (project != null) {
      try (var paths = Files.walk(project)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
    if (hosts == null || service == null) {
      return;
    }
    for (TestHost host : List.of(host1, host2)) {
      hosts.ssh(host, "docker ps -aq --filter label=service=" + service + " | xargs -r docker rm -f; "
          + "docker images -q " + repository + " | sort -u | xargs -r docker rmi -f; rm -rf .kamal/apps/" + service);
    }
  }

  // ---- read-only inspection ----

  @Test
  @Order(1)
  void versionPrintsTheRunningVersionOncePerHost() throws Exception {
    Map<String, String> byHost = sextant("app", "version").ok().byHost();
    assertThat(byHost.keySet()).containsExactly(host1.ip(), host2.ip());
    assertThat(byHost.get(host1.ip()).strip()).isEqualTo(v2);
    assertThat(byHost.get(host2.ip()).strip()).isEqualTo(v2);
  }

  @Test
  @Order(2)
  void hostOptionNarrowsToOneHost() throws Exception {
    Map<String, String> byHost = sextant("app", "version", "-h", host2.ip()).ok().byHost();
    assertThat(byHost.keySet()).containsExactly(host2.ip());
    assertThat(byHost.get(host2.ip()).strip()).isEqualTo(v2);
  }

  @Test
  @Order(3)
  void containersListsBothVersionsWithTheOldOneExited() throws Exception {
    Map<String, String> byHost = sextant("app", "containers").ok().byHost();
    assertThat(byHost.keySet()).containsExactly(host1.ip(), host2.ip());
    assertThat(lineOf(byHost.get(host1.ip()), service + "-web-" + v2)).contains(" Up ");
    assertThat(lineOf(byHost.get(host1.ip()), service + "-web-" + v1)).contains("Exited");
    assertThat(byHost.get(host1.ip())).doesNotContain(service + "-workers-");
    assertThat(lineOf(byHost.get(host2.ip()), service + "-workers-" + v2)).contains(" Up ");
    assertThat(lineOf(byHost.get(host2.ip()), service + "-workers-" + v1)).contains("Exited");
    assertThat(lineOf(byHost.get(host2.ip()), service + "-web-" + v1)).contains("Exited");
    assertThat(byHost.get(host2.ip()).lines().filter(line -> line.startsWith("CONTAINER ID"))).hasSize(1);
  }

  @Test
  @Order(4)
  void imagesListsTheRepositoryTagsOncePerHost() throws Exception {
    Map<String, String> byHost = sextant("app", "images").ok().byHost();
    assertThat(byHost.keySet()).containsExactly(host1.ip(), host2.ip());
    for (String block : byHost.values()) {
      assertThat(block.lines().filter(line -> line.startsWith(repository + " "))
          .map(line -> line.split("\\s+")[1])).containsExactlyInAnyOrder(v1, v2, "latest");
    }
  }

  @Test
  @Order(5)
  void detailsShowOnlyRunningContainersPerRole() throws Exception {
    for (String[] command : List.of(new String[] {"app", "details"}, new String[] {"details"})) {
      Map<String, String> byHost = sextant(command).ok().byHost();
      assertThat(byHost.keySet()).as(String.join(" ", command)).containsExactly(host1.ip(), host2.ip());
      assertThat(byHost.get(host1.ip())).contains(service + "-web-" + v2).doesNotContain(v1);
      assertThat(byHost.get(host2.ip())).contains(service + "-web-" + v2, service + "-workers-" + v2)
          .doesNotContain(v1);
    }
  }

  @Test
  @Order(6)
  void logsShowTheLastLinesAndGrep() throws Exception {
    Map<String, String> byHost = sextant("app", "logs", "-n", "2").ok().byHost();
    assertThat(TICK_LINE.matcher(byHost.get(host1.ip())).results()).isEmpty();
    assertThat(TICK_LINE.matcher(byHost.get(host2.ip())).results()).hasSize(2);

    awaitTrue(() -> tickLines(host2) >= 4, "the worker printed 4 ticks");
    byHost = sextant("app", "logs", "-g", "tick").ok().byHost();
    assertThat(byHost.get(host1.ip())).contains("Nothing found");
    assertThat(TICK_LINE.matcher(byHost.get(host2.ip())).results().count()).isGreaterThanOrEqualTo(4);

    byHost = sextant("app", "logs", "-g", "no-such-line-anywhere").ok().byHost();
    assertThat(byHost.get(host2.ip())).contains("Nothing found").doesNotContain("tick");
  }

  private long tickLines(TestHost host) {
    return hosts.ssh(host, "docker logs " + service + "-workers-" + v2).requireOk().stdout().lines()
        .filter("tick"::equals).count();
  }

  @Test
  @Order(7)
  void execRunsInANewContainerThatIsGoneAfterwards() throws Exception {
    Run run = sextant("app", "exec", "echo hi from $(hostname)");
    Map<String, String> byHost = run.ok().byHost();
    assertThat(byHost.keySet()).containsExactly(host1.ip(), host2.ip());
    for (TestHost host : List.of(host1, host2)) {
      String runningId = remote(host, "docker ps -q --filter name=^" + service + "-web-" + v2 + "$").strip();
      assertThat(runningId).isNotEmpty();
      // A new container: its hostname (its id) is not the running one's.
      assertThat(byHost.get(host.ip()).strip()).startsWith("hi from ").doesNotContain(runningId);
      assertThat(remote(host, "docker ps -a --format '{{.Names}}' --filter label=service=" + service))
          .doesNotContain("exec");
    }
  }

  @Test
  @Order(8)
  void execReuseRunsInTheRunningContainerAndRoleNarrows() throws Exception {
    Map<String, String> byHost = sextant("app", "exec", "--reuse", "cat /proc/1/cmdline").ok().byHost();
    assertThat(byHost.keySet()).containsExactly(host1.ip(), host2.ip());
    assertThat(byHost.values()).allSatisfy(block -> assertThat(block).startsWith("httpd"));

    byHost = sextant("app", "exec", "-r", "workers", "--reuse", "cat /proc/1/cmdline").ok().byHost();
    assertThat(byHost.keySet()).containsExactly(host2.ip());
    assertThat(byHost.get(host2.ip())).contains("while true; do echo tick");
  }

  @Test
  @Order(9)
  void execFailureOnAHostIsExitCode1WithTheOutput() throws Exception {
    Run run = sextant("app", "exec", "-h", host1.ip(), "echo broken; exit 3");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.byHost().get(host1.ip())).contains("broken");
    assertThat(run.stderr()).contains(host1.ip());
  }

  /** Kamal's {@code app exec --detach} (lib/kamal/cli/app.rb:94, commands/app/execution.rb:10-24). */
  @Test
  @Order(12)
  void execDetachLeavesANewNamedContainerRunningAndPrintsItsId() throws Exception {
    Map<String, String> byHost = sextant("app", "exec", "-h", host1.ip(), "--detach", "sleep 300").ok().byHost();
    String id = byHost.get(host1.ip()).strip();
    assertThat(id).matches("[0-9a-f]{64}");
    try {
      String name = remote(host1, "docker inspect --format '{{.Name}} {{.State.Running}} {{.HostConfig.AutoRemove}}' "
          + id).strip();
      // Kamal's name: <service>-<role>-exec-<version>-<6 hex digits>; the version is the latest image's
      assertThat(name).matches("/" + service + "-web-exec-latest-[0-9a-f]{6} true false");
    } finally {
      remote(host1, "docker rm -f " + id);
    }
  }

  /** Kamal's {@code app exec --raw} (app.rb:95, sshkit_with_ext.rb:22-26) and its words after the command. */
  @Test
  @Order(13)
  void execRawPrintsEachHostsStandardOutputAloneAndPassesOptionsOn() throws Exception {
    Run raw = sextant("app", "exec", "-r", "workers", "--raw", "printf 'a  b\\n\\n'; echo noise >&2").ok();
    assertThat(raw.stdout()).isEqualTo("a  b\n\n");
    Run echo = sextant("app", "exec", "--raw", "-r", "workers", "echo", "-n", "no-newline").ok();
    assertThat(echo.stdout()).isEqualTo("no-newline");
    Run refused = sextant("app", "exec", "--raw", "--detach", "true");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.stderr().strip()).isEqualTo("ERROR: app exec: Raw is not compatible with detach");
  }

  /** Kamal's {@code app exec -e} (app.rb:93): a Thor hash, KEY:VALUE; KEY=VALUE too. */
  @Test
  @Order(14)
  void execEnvSetsVariablesInTheContainer() throws Exception {
    for (String reuse : List.of("--reuse", "--raw")) {
      Run run = sextant("app", "exec", "-r", "workers", reuse, "-e", "GREETING:hello", "URL:http://x:1",
          "-e", "OTHER=a b", "echo \"$GREETING|$URL|$OTHER\"").ok();
      assertThat(run.stdout()).as(reuse).contains("hello|http://x:1|a b");
    }
  }

  /** Kamal's {@code app logs -T} and {@code --container-id} (app.rb:203-204, commands/app/logging.rb). */
  @Test
  @Order(15)
  void logsWithoutTimestampsAndOfAnotherContainer() throws Exception {
    Map<String, String> byHost = sextant("app", "logs", "-r", "workers", "-n", "2", "-T").ok().byHost();
    assertThat(byHost.get(host2.ip()).strip().lines().toList()).containsExactly("tick", "tick");

    String old = remote(host2, "docker ps -aq --filter name=^" + service + "-workers-" + v1 + "$").strip();
    assertThat(old).isNotEmpty();
    String lastOld = remote(host2, "docker logs --timestamps --tail 1 " + old).strip();
    byHost = sextant("app", "logs", "-h", host2.ip(), "-r", "workers", "--container-id", old, "-n", "1").ok()
        .byHost();
    assertThat(byHost.get(host2.ip()).strip()).isEqualTo(lastOld);
  }

  /** Kamal's {@code -i} without a terminal: {@code docker -i}, the input piped in (commands/base.rb:143-145). */
  @Test
  @Order(16)
  void execInteractiveWithPipedInputReadsIt() throws Exception {
    Path input = Files.writeString(project.resolve("stdin.txt"), "piped line\n");
    for (List<String> line : List.of(List.of("app", "exec", "-i", "--reuse", "-r", "workers", "cat"),
        List.of("app", "exec", "-i", "-r", "workers", "cat"))) {
      Run run = sextant(input, line.toArray(String[]::new));
      assertThat(run.exitCode()).as(line + ": " + run.stdout() + run.stderr()).isZero();
      assertThat(run.stdout()).as(line.toString()).contains("piped line").doesNotContain("not a TTY");
    }
  }

  // ---- the terminal commands, in a real pseudo-terminal (script(1)) ----

  @Test
  @Order(10)
  void execInteractiveGetsATerminal() throws Exception {
    String output = inTerminal(Duration.ofSeconds(90), out -> false, "app", "exec", "-i", "tty; echo hi-$((6*7))");
    assertThat(output).contains("/dev/pts/", "hi-42");
    assertThat(output).doesNotContain("not a tty", "authenticity of host");
  }

  @Test
  @Order(11)
  void logsFollowKeepsPrintingNewLines() throws Exception {
    String output = inTerminal(Duration.ofSeconds(60), out -> TICK_LINE.matcher(out).results().count() >= 4,
        "app", "logs", "-f", "-n", "1", "-r", "workers");
    assertThat(output).contains("Following logs on " + host2.ip());
    // -n 1 prints one old line: the others came while following.
    assertThat(TICK_LINE.matcher(output).results().count()).isGreaterThanOrEqualTo(4);
  }

  // ---- stop, start, stale containers ----

  @Test
  @Order(20)
  void stopStopsEverythingAndStartBringsItBack() throws Exception {
    sextant("app", "stop").ok();
    for (TestHost host : List.of(host1, host2)) {
      assertThat(remote(host, "docker ps -q --filter label=service=" + service)).isBlank();
    }
    assertThat(sextant("app", "version").ok().byHost().values()).allSatisfy(block -> assertThat(block).isBlank());

    sextant("app", "start").ok();
    assertThat(remote(host1, "docker ps --format '{{.Names}}' --filter label=service=" + service).strip())
        .isEqualTo(service + "-web-" + v2);
    assertThat(remote(host2, "docker ps --format '{{.Names}}' --filter label=service=" + service).lines())
        .containsExactlyInAnyOrder(service + "-web-" + v2, service + "-workers-" + v2);
    Map<String, String> byHost = sextant("app", "version").ok().byHost();
    assertThat(byHost.get(host1.ip()).strip()).isEqualTo(v2);
    assertThat(byHost.get(host2.ip()).strip()).isEqualTo(v2);
  }

  @Test
  @Order(21)
  void staleContainersAreDetectedThenStopped() throws Exception {
    String stale = service + "-web-" + v1;
    remote(host1, "docker start " + stale);
    Run detect = sextant("app", "stale_containers").ok();
    assertThat(detect.stdout()).contains("Detected stale container " + stale + " on " + host1.ip())
        .doesNotContain(host2.ip()).doesNotContain(v2);
    assertThat(running(host1, stale)).isTrue();

    Run stop = sextant("app", "stale_containers", "--stop").ok();
    assertThat(stop.stdout()).contains("Stopping stale container " + stale + " on " + host1.ip());
    assertThat(running(host1, stale)).isFalse();
    assertThat(running(host1, service + "-web-" + v2)).isTrue();
    assertThat(sextant("app", "stale_containers").ok().stdout()).doesNotContain("stale container");
  }

  // ---- prune ----

  @Test
  @Order(30)
  void pruneKeepsTheNewestStoppedContainersAndImagesInUse() throws Exception {
    assertThat(stoppedContainers(host2)).hasSize(2);
    assertThat(stoppedContainers(host1)).hasSize(1);

    // retain_containers from the configuration (here another config file with retain_containers: 1).
    sextant("prune", "containers", "-c", "config/retain1.yml").ok();
    assertThat(stoppedContainers(host2)).hasSize(1);
    assertThat(stoppedContainers(host1)).hasSize(1);

    sextant("prune", "images").ok();
    for (TestHost host : List.of(host1, host2)) {
      assertThat(tags(host)).as("v1 is still used by a stopped container").contains(v1, v2, "latest");
    }

    sextant("prune", "all", "--retain", "0").ok();
    for (TestHost host : List.of(host1, host2)) {
      assertThat(stoppedContainers(host)).isEmpty();
      assertThat(tags(host)).containsExactlyInAnyOrder(v2, "latest");
      assertThat(running(host, service + "-web-" + v2)).isTrue();
    }
  }

  // ---- removal ----

  @Test
  @Order(40)
  void removeWithoutConfirmationRemovesNothing() throws Exception {
    Run run = sextant("remove");
    assertThat(run.stdout()).contains("Are you sure?", "Aborted");
    assertThat(running(host1, service + "-web-" + v2)).isTrue();
    assertThat(running(host2, service + "-workers-" + v2)).isTrue();
    assertThat(tags(host1)).contains(v2);
    assertThat(hosts.ssh(host1, "test -d .kamal/apps/" + service).ok()).isTrue();
  }

  @Test
  @Order(41)
  void appRemoveOnOneHostLeavesTheOtherAlone() throws Exception {
    sextant("app", "remove", "-h", host1.ip()).ok();
    assertThat(remote(host1, "docker ps -aq --filter label=service=" + service)).isBlank();
    assertThat(tags(host1)).isEmpty();
    assertThat(hosts.ssh(host1, "test -e .kamal/apps/" + service).ok()).isFalse();
    assertThat(running(host2, service + "-web-" + v2)).isTrue();
    assertThat(running(host2, service + "-workers-" + v2)).isTrue();
    assertThat(tags(host2)).contains(v2);
    assertThat(hosts.ssh(host2, "test -d .kamal/apps/" + service).ok()).isTrue();
  }

  @Test
  @Order(42)
  void removeConfirmedRemovesContainersImagesAndTheAppDirectory() throws Exception {
    assertThat(sextant("details").ok().byHost().get(host2.ip())).contains(service + "-workers-" + v2);
    sextant("remove", "-y").ok();
    for (TestHost host : List.of(host1, host2)) {
      assertThat(remote(host, "docker ps -aq --filter label=service=" + service)).as(host.ip()).isBlank();
      assertThat(tags(host)).as(host.ip()).isEmpty();
      assertThat(hosts.ssh(host, "test -e .kamal/apps/" + service).ok()).as(host.ip()).isFalse();
      // The audit log (outside the app directory) records the removal.
      assertThat(remote(host, "cat .kamal/" + service + "-audit.log")).contains("Removed app");
    }
    Map<String, String> byHost = sextant("details").ok().byHost();
    assertThat(byHost.values()).allSatisfy(block -> assertThat(block).doesNotContain(service + "-"));
  }

  // ---- helpers ----

  private static String lineOf(String block, String containerName) {
    return block.lines().filter(line -> line.endsWith(" " + containerName)).findFirst()
        .orElseThrow(() -> new AssertionError("no container " + containerName + " in:\n" + block));
  }

  private List<String> stoppedContainers(TestHost host) {
    return remote(host, "docker ps -aq --filter label=service=" + service + " --filter status=exited").lines()
        .toList();
  }

  private List<String> tags(TestHost host) {
    return remote(host, "docker images --format '{{.Tag}}' " + repository).lines().toList();
  }

  private boolean running(TestHost host, String container) {
    return remote(host, "docker inspect --format '{{.State.Running}}' " + container).strip().equals("true");
  }

  private String remote(TestHost host, String command) {
    return hosts.ssh(host, command).requireOk().stdout();
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(500);
    }
  }

  /** The launcher's environment on top of this JVM's and the suite's agent mode ({@code AgentMode}). */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", project.resolve("home").toString());
    env.put("DOCKER_CONFIG", hosts.dockerConfig().toString());
    return env;
  }

  private ProcessBuilder processBuilder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    builder.environment().remove("VERSION");
    AgentMode.apply(builder.environment());
    builder.environment().putAll(environment());
    return builder;
  }

  private String git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process process = processBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
    return out;
  }

  /** Runs the launcher in the project with stdin at end of file; stdout and stderr go to files (no pipe stall). */
  private Run sextant(String... args) throws IOException, InterruptedException {
    return sextant(Path.of("/dev/null"), args);
  }

  /** As {@link #sextant(String...)}, its standard input read from {@code input}. */
  private Run sextant(Path input, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CliIT.launcher().toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(project, "out", ".txt");
    Path err = Files.createTempFile(project, "err", ".txt");
    Process process = processBuilder(command).redirectInput(ProcessBuilder.Redirect.from(input.toFile()))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new AssertionError("sextant " + String.join(" ", args) + " did not finish in " + RUN_TIMEOUT
          + "\n" + Files.readString(out) + Files.readString(err));
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /**
   * Runs the launcher in a pseudo-terminal ({@code script -qec}) until it ends or {@code enough} holds for its
   * output, then ends it and everything it started (the OpenSSH client included); returns the output.
   */
  private String inTerminal(Duration limit, Predicate<String> enough, String... args) throws Exception {
    StringBuilder line = new StringBuilder(quote(CliIT.launcher().toString()));
    for (String arg : args) {
      line.append(' ').append(quote(arg));
    }
    Process process = processBuilder(List.of("script", "-qec", line.toString(), "/dev/null"))
        .redirectErrorStream(true).start();
    process.getOutputStream().close();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(process.getInputStream(), buffer), "terminal-reader");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + limit.toNanos();
    while (process.isAlive() && System.nanoTime() < deadline && !enough.test(text(buffer))) {
      Thread.sleep(200);
    }
    List<ProcessHandle> started = process.descendants().toList();
    started.forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      started.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
    reader.join(5000);
    for (ProcessHandle handle : started) {
      handle.onExit().get(10, TimeUnit.SECONDS);
    }
    return text(buffer);
  }

  private static String text(ByteArrayOutputStream buffer) {
    synchronized (buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream buffer) {
    byte[] chunk = new byte[4096];
    try (in) {
      for (int n; (n = in.read(chunk)) >= 0; ) {
        synchronized (buffer) {
          buffer.write(chunk, 0, n);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}

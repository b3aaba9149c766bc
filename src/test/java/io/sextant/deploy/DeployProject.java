package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.AgentMode;
import io.sextant.testing.Json;
import io.sextant.testing.TestHost;
import io.sextant.testing.TestHosts;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A throw-away project deployed with the real launcher {@code bin/sextant} to two hosts of the shared test set:
 * a git repository with a busybox httpd app, {@code config/deploy.yml} (roles {@code web} with {@code proxy: false}
 * and a health check, and {@code workers}), {@code .kamal/secrets} with the registry password, and a recording
 * script for every hook point. Each hook appends its name, its {@code KAMAL_*} variables and its context file to
 * {@link #hookLog()}; it fails (exit 3) while a file {@code fail-<script name>} exists in the project.
 */
final class DeployProject implements AutoCloseable {
  static final List<String> HOOKS = List.of("pre-connect", "pre-build", "pre-deploy", "post-deploy",
      "docker-setup", "pre-app-boot", "post-app-boot", "post-deploy-failure");

  /**
   * A container command that idles until SIGTERM and then exits at once (the trap runs during {@code wait}). A
   * shell or {@code busybox httpd} as a container's PID 1 without a TERM trap ignores the signal, so every {@code
   * docker stop} without {@code -t} (accessories, Traefik) would wait Docker's 10 s for the kill.
   */
  static final String IDLE_CMD = "sh -c 'trap \"exit 0\" TERM; while true; do sleep 1 & wait; done'";

  /** {@code busybox httpd} serving {@code dir} on port 80 under a shell that exits at once on SIGTERM (as above). */
  static String httpdCmd(String dir) {
    return "sh -c 'trap \"exit 0\" TERM; busybox httpd -f -p 80 -h " + dir + " & wait'";
  }

  final TestHosts set;
  final List<TestHost> hosts;
  final String service;
  final Path dir;
  final Path home;
  private final Path hookLog;
  /** More environment for the launcher runs (e.g. a {@code DOCKER_CONFIG} of the test's own), set by a test. */
  final Map<String, String> extraEnv = new LinkedHashMap<>();
  private int runCount;

  /** What one run of the CLI did; {@code processes} are the command lines seen on the machine meanwhile. */
  record Run(List<String> args, int exitCode, String stdout, String stderr, List<String> processes) {
    String output() {
      return stdout + stderr;
    }

    @Override
    public String toString() {
      return "sextant " + String.join(" ", args) + " exited " + exitCode + "\n--- stdout\n" + stdout
          + "--- stderr\n" + stderr;
    }
  }

  /** One hook script run, as recorded by the script itself. */
  record HookRun(String hook, String script, Map<String, String> env, Map<String, String> facts,
      Map<String, Object> context) {
    String var(String name) {
      return env.get(name);
    }
  }

  DeployProject(String service) throws IOException {
    this.set = TestHosts.shared();
    this.hosts = set.hosts().subList(0, 2);
    this.service = service;
    this.dir = Files.createTempDirectory("sextant-" + service + "-");
    this.home = Files.createTempDirectory("sextant-" + service + "-home-");
    this.hookLog = dir.resolve("hook-runs.log");
    Files.createDirectories(home.resolve(".ssh"));
    // The launcher's TMPDIR: the kept build clones ($TMPDIR/kamal-clones) go away with the project.
    Files.createDirectories(home.resolve("tmp"));
    Files.copy(set.knownHosts(), home.resolve(".ssh/known_hosts"));
    Files.createDirectories(dir.resolve("config"));
    Files.createDirectories(dir.resolve(".kamal/hooks"));
    Files.writeString(dir.resolve(".kamal/secrets"),
        "KAMAL_REGISTRY_PASSWORD=" + set.registry().password() + "\n");
    Files.writeString(dir.resolve(".gitignore"), ".kamal/\nhook-runs.log\nfail-*\nrun-*\n");
    for (String hook : HOOKS) {
      writeHook(hook, hook);
    }
    git("init", "-q");
    git("config", "user.email", "deployer@example.test");
    git("config", "user.name", "Deployer");
  }

  /** The registry password: it must never show up anywhere Sextant writes. */
  String password() {
    return set.registry().password();
  }

  Path hookLog() {
    return hookLog;
  }

  /**
   * Writes {@code config/deploy.yml}: web (health check on {@code healthPath}) and workers on both hosts, with a
   * {@code deploy_timeout} of 15 s.
   *
   * @param extra more top-level YAML (e.g. {@code boot: {limit: 1}})
   */
  void writeConfig(String healthPath, String extra) throws IOException {
    writeConfig(healthPath, extra, 15);
  }

  /** As {@link #writeConfig(String, String)}, with {@code deploy_timeout} in seconds. */
  void writeConfig(String healthPath, String extra, int deployTimeout) throws IOException {
    Files.writeString(dir.resolve("config/deploy.yml"), """
        service: %s
        image: sextant/%s
        builder:
          arch: amd64
          driver: docker
        servers:
          web:
            hosts:
              - %s
              - %s
            proxy: false
            options:
              health-cmd: "wget -qO- http://127.0.0.1/%s || exit 1"
              health-interval: 1s
          workers:
            hosts:
              - %s
              - %s
            cmd: %s
        readiness_delay: 1
        deploy_timeout: %d
        stop_timeout: 1
        %s
        """.formatted(service, service, hosts.get(0).ip(), hosts.get(1).ip(), healthPath, hosts.get(0).ip(),
        hosts.get(1).ip(), IDLE_CMD, deployTimeout, extra) + registryAndSsh());
  }

  /** The {@code registry:} and {@code ssh:} settings of the test set, as top-level YAML. */
  String registryAndSsh() {
    return """
        registry:
          server: %s
          username: %s
          password:
            - KAMAL_REGISTRY_PASSWORD
        ssh:
          keys:
            - %s
          keys_only: true
        """.formatted(set.registry().address(), set.registry().username(), set.privateKey());
  }

  /** Takes the service's {@code role} out of kamal-proxy on every host (before {@link #close()}). */
  void removeFromProxy(String role) {
    for (TestHost host : hosts) {
      set.ssh(host, "docker exec kamal-proxy kamal-proxy remove " + service + "-" + role + " || true");
    }
  }

  /**
   * Writes the app (a page saying {@code label}) and commits it; returns the new git HEAD (the version). The app
   * exits on SIGTERM, as a real web server does: {@code busybox httpd} as PID 1 would ignore it, and every stop
   * without a short {@code stop_timeout} would wait for Docker's kill.
   */
  String commitApp(String label, String extraDockerfileLine) throws IOException {
    Files.createDirectories(dir.resolve("www"));
    Files.writeString(dir.resolve("www/index.html"), label + "\n");
    Files.writeString(dir.resolve("Dockerfile"), """
        FROM %s
        COPY www /www
        RUN echo ok > /www/up
        %s
        CMD ["sh", "-c", "trap 'exit 0' TERM; busybox httpd -f -p 80 -h /www & wait"]
        """.formatted(set.baseImage(), extraDockerfileLine));
    git("add", "-A");
    git("commit", "-q", "-m", label);
    return git("rev-parse", "HEAD").strip();
  }

  /** The recording hook script, installed as {@code .kamal/hooks/<relative>}. */
  void writeHook(String relative, String name) throws IOException {
    String lockCheck = lockDirCheck();
    String script = """
        #!/bin/sh
        # Test hook %2$s: records what it was told, fails while fail-%2$s exists.
        {
          echo "=== $KAMAL_HOOK %2$s"
          env | grep '^KAMAL_' | grep -v '^KAMAL_REGISTRY_PASSWORD=' | sort
          echo "@SECRET_GIVEN=${KAMAL_REGISTRY_PASSWORD:+yes}"
          echo "@CONTEXT_MODE=$(stat -c %%a "$KAMAL_HOOK_CONTEXT")"
          echo "@CONTEXT=$(tr -d '\\n' < "$KAMAL_HOOK_CONTEXT")"
          if [ "$KAMAL_HOOK" = post-deploy-failure ]; then echo "@LOCK_DIR=$(%1$s)"; fi
          echo "=== end"
        } >> %3$s
        if [ -e run-%2$s ]; then . ./run-%2$s; fi
        # fail-NAME: fail always when empty, else only when KAMAL_HOSTS is its content.
        if [ -e fail-%2$s ] && { [ ! -s fail-%2$s ] || [ "$(cat fail-%2$s)" = "$KAMAL_HOSTS" ]; }; then
          echo "%2$s fails on purpose"; exit 3
        fi
        exit 0
        """.formatted(lockCheck, name, hookLog);
    Path file = dir.resolve(".kamal/hooks").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** A shell command printing {@code present} or {@code absent}: whether the lock directory is on the primary host. */
  String lockDirCheck() {
    return String.join(" ", "ssh", "-F", "/dev/null", "-n", "-i", set.privateKey().toString(),
        "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=yes",
        "-o", "UserKnownHostsFile=" + set.knownHosts(), "-o", "ConnectTimeout=5", "-o", "LogLevel=ERROR",
        set.sshUser() + "@" + hosts.get(0).ip(),
        "'if test -d .kamal/lock-" + service + "; then echo present; else echo absent; fi'");
  }

  /** Makes the script named {@code name} fail (exit 3) until {@link #clearFailures()}. */
  void failScript(String name) throws IOException {
    failScript(name, "");
  }

  /** Makes the script named {@code name} fail when its {@code KAMAL_HOSTS} is {@code hosts}. */
  void failScript(String name, String hosts) throws IOException {
    Files.writeString(dir.resolve("fail-" + name), hosts);
  }

  /** Makes the script named {@code name} also run the shell {@code code} (sourced) until {@link #clearFailures()}. */
  void alsoRun(String name, String code) throws IOException {
    Files.writeString(dir.resolve("run-" + name), code + "\n");
  }

  /** Shell code that stops {@code host}'s sshd (see {@link TestHosts#stop}) when the hook runs for its group. */
  String stopHostWhenBooting(TestHost host) {
    Path script = launcher().getParent().getParent().resolve("test-hosts/host.sh");
    return "if [ \"$KAMAL_HOSTS\" = " + host.ip() + " ]; then TH_QUIET=1 bash " + script + " --name " + set.name()
        + " --host " + host.name() + " stop; fi";
  }

  /** Shell code that runs {@code test-hosts/host.sh ACTION} for {@code host} (e.g. {@code show-docker}). */
  String hostAction(TestHost host, String action) {
    Path script = launcher().getParent().getParent().resolve("test-hosts/host.sh");
    return "TH_QUIET=1 bash " + script + " --name " + set.name() + " --host " + host.name() + " " + action;
  }

  /** Removes every {@code fail-*} and {@code run-*} file. */
  void clearFailures() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches("(fail|run)-.*")).toList()) {
        Files.delete(file);
      }
    }
  }

  /** Runs {@code bin/sextant args} in the project and samples the machine's process list while it runs. */
  Run sextant(String... args) throws IOException, InterruptedException {
    return sextant(Map.of(), args);
  }

  /** {@link #sextant(String...)} with {@code extraEnv} added to the launcher's environment (after the field's). */
  Run sextant(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
    Files.deleteIfExists(hookLog);
    List<String> command = new ArrayList<>(List.of(launcher().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = builder.environment();
    env.put("HOME", home.toString());
    env.put("DOCKER_CONFIG", set.dockerConfig().toString());
    env.put("TMPDIR", home.resolve("tmp").toString());
    env.remove("VERSION");
    env.remove("SSH_AUTH_SOCK");
    AgentMode.apply(env);
    env.putAll(this.extraEnv);
    env.putAll(extraEnv);
    long started = System.nanoTime();
    Process process = builder.start();
    CompletableFuture<TimedText> out = TimedText.drain(process.getInputStream(), started);
    CompletableFuture<TimedText> err = TimedText.drain(process.getErrorStream(), started);
    AtomicBoolean done = new AtomicBoolean();
    CompletableFuture<List<String>> processes = CompletableFuture.supplyAsync(() -> sampleProcesses(done));
    boolean ended = process.waitFor(5, TimeUnit.MINUTES);
    done.set(true);
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
    try {
      Run run = new Run(List.of(args), ended ? process.exitValue() : -1, out.get().text(), err.get().text(),
          processes.get());
      keepTranscript(run, Duration.ofNanos(System.nanoTime() - started), out.get(), err.get());
      assertThat(ended).as("sextant %s ended within 5 minutes:\n%s", args, run).isTrue();
      return run;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Keeps what each run printed, how long it took and what its hooks recorded under {@code target/deploy-it/}, for a
   * look after a failure or when a class got slow.
   */
  private void keepTranscript(Run run, Duration took, TimedText out, TimedText err) throws IOException {
    Path folder = launcher().getParent().getParent().resolve("target/deploy-it");
    Files.createDirectories(folder);
    String hooks = Files.exists(hookLog) ? Files.readString(hookLog) : "";
    Files.writeString(folder.resolve(service + "-" + (++runCount) + ".log"),
        "sextant " + String.join(" ", run.args()) + " exited " + run.exitCode() + " after " + took.toMillis()
            + " ms, at " + LocalTime.now() + "\n--- stdout (seconds since start)\n" + out.stamped()
            + "--- stderr\n" + err.stamped() + "--- hooks\n" + hooks);
  }

  /** Every distinct command line seen on the machine (hosts included: they share the PID namespace). */
  private static List<String> sampleProcesses(AtomicBoolean done) {
    TreeSet<String> seen = new TreeSet<>();
    while (!done.get()) {
      try {
        Process ps = new ProcessBuilder("ps", "-eww", "-o", "args=").redirectErrorStream(true).start();
        String text = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ps.waitFor();
        seen.addAll(text.lines().toList());
        Thread.sleep(150);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return List.copyOf(seen);
  }

  /** The hook runs recorded by the last {@link #sextant} call, in order. */
  List<HookRun> hookRuns() throws IOException {
    List<HookRun> runs = new ArrayList<>();
    if (!Files.exists(hookLog)) {
      return runs;
    }
    String hook = null;
    String script = null;
    Map<String, String> env = null;
    Map<String, String> facts = null;
    Map<String, Object> context = null;
    for (String line : Files.readAllLines(hookLog)) {
      if (line.equals("=== end")) {
        runs.add(new HookRun(hook, script, env, facts, context));
        hook = null;
      } else if (line.startsWith("=== ")) {
        String[] words = line.substring(4).split(" ");
        hook = words[0];
        script = words.length > 1 ? words[1] : "";
        env = new LinkedHashMap<>();
        facts = new LinkedHashMap<>();
        context = null;
      } else if (line.startsWith("@CONTEXT=")) {
        context = Json.object(line.substring("@CONTEXT=".length()));
      } else if (line.startsWith("@")) {
        int eq = line.indexOf('=');
        facts.put(line.substring(1, eq), line.substring(eq + 1));
      } else {
        int eq = line.indexOf('=');
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    assertThat(hook).as("hook log ends with a complete record").isNull();
    return runs;
  }

  /** The names of the hook points run, in order. */
  List<String> hookNames() throws IOException {
    return hookRuns().stream().map(HookRun::hook).toList();
  }

  /** The names of this service's running containers on {@code host} (e.g. {@code svc-web-<version>}). */
  List<String> running(TestHost host) {
    String out = set.ssh(host, "docker ps --filter label=service=" + service + " --format '{{.Names}}'")
        .requireOk().stdout();
    return out.lines().filter(line -> !line.isBlank()).sorted().toList();
  }

  /** The containers that run {@code version} of both roles. */
  List<String> containersOf(String version) {
    return List.of(service + "-web-" + version, service + "-workers-" + version);
  }

  /** Whether the deploy lock directory exists on the primary host. */
  boolean lockPresent() {
    return set.ssh(hosts.get(0), "test -d .kamal/lock-" + service).ok();
  }

  /** The remote audit log of the service on {@code host} (empty when there is none). */
  String remoteAudit(TestHost host) {
    return set.ssh(host, "cat .kamal/" + service + "-audit.log 2>/dev/null || true").stdout();
  }

  String git(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Removes the service's containers and images from the hosts and the project's temporary directories. */
  @Override
  public void close() throws IOException {
    for (TestHost host : hosts) {
      set.ssh(host, "docker ps -aq --filter label=service=" + service + " | xargs -r docker rm -f;"
          + " rm -rf .kamal/lock-" + service + " .kamal/apps/" + service);
    }
    for (Path path : List.of(dir, home)) {
      try (Stream<Path> files = Files.walk(path)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  static Path launcher() {
    return Path.of(System.getProperty("sextant.root", ".")).toAbsolutePath().resolve("bin/sextant");
  }
}

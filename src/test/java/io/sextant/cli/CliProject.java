package io.sextant.cli;

import io.sextant.testing.AgentMode;
import io.sextant.testing.CommandResult;
import io.sextant.testing.TestHost;
import io.sextant.testing.TestHosts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away Kamal project for black-box runs of the launcher {@code bin/sextant} against real test hosts: a git
 * repository with one commit (the version), {@code config/deploy.yml} with roles {@code web} (first two hosts)
 * and {@code workers} (the third), and a {@code $HOME} whose {@code .ssh/known_hosts} is the test set's.
 */
final class CliProject {
  static final String GIT_USER = "Lk Tester";
  static final String GIT_EMAIL = "lk@sextant.test";

  final Path dir;
  final Path home;
  final TestHosts hosts;
  final String service;
  private final Path logs;
  private int runs;
  private Path agentDir;
  private boolean cold;
  /** {@code SEXTANT_AGENT} for the commands of {@link #useAgent()} ({@code null}: unset, the default: on). */
  private String agentSwitch;

  private CliProject(Path root, TestHosts hosts, String service) {
    this.dir = root.resolve("project");
    this.home = root.resolve("home");
    this.logs = root.resolve("runs");
    this.hosts = hosts;
    this.service = service;
  }

  /** Creates the project under {@code root}, for {@code service}, on the hosts of {@code hosts}. */
  static CliProject create(Path root, TestHosts hosts, String service) throws IOException {
    CliProject project = new CliProject(root, hosts, service);
    Files.createDirectories(project.dir.resolve("config"));
    Files.createDirectories(project.dir.resolve(".kamal/hooks"));
    Files.createDirectories(project.home.resolve(".ssh"));
    Files.createDirectories(project.logs);
    Files.copy(hosts.knownHosts(), project.knownHosts());
    List<TestHost> all = hosts.hosts();
    project.write("config/deploy.yml", String.join("\n",
        "service: " + service,
        "image: lk/" + service,
        "servers:",
        "  web:",
        "    - " + all.get(0).ip(),
        "    - " + all.get(1).ip(),
        "  workers:",
        "    hosts:",
        "      - " + all.get(2).ip(),
        "registry:",
        "  server: " + hosts.registry().address(),
        "  username: lk",
        "  password: not-used",
        "builder:",
        "  arch: amd64",
        "  driver: docker",
        "ssh:",
        "  user: " + hosts.sshUser(),
        "  keys: [" + hosts.privateKey() + "]",
        "  keys_only: true",
        ""));
    project.git("init", "-q");
    project.git("config", "user.name", GIT_USER);
    project.git("config", "user.email", GIT_EMAIL);
    project.git("commit", "-q", "--allow-empty", "-m", "initial");
    return project;
  }

  /** The project's git HEAD: the version Sextant deploys and records in the lock. */
  String version() throws IOException {
    return git("rev-parse", "HEAD").strip();
  }

  /** Commits everything in the work tree, so that the version has no {@code _uncommitted_} suffix. */
  void commitAll(String message) throws IOException {
    git("add", "-A");
    git("commit", "-q", "-m", message);
  }

  Path knownHosts() {
    return home.resolve(".ssh/known_hosts");
  }

  TestHost host(int index) {
    return hosts.hosts().get(index);
  }

  List<String> ips() {
    return hosts.hosts().stream().map(TestHost::ip).toList();
  }

  void write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  /** Writes an executable {@code .kamal/hooks/NAME} running {@code body} with {@code /bin/sh}. */
  Path hook(String name, String body) throws IOException {
    Path file = dir.resolve(".kamal/hooks").resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }


  /**
   * The end of a deploy.yml on {@code hosts}: their registry (its password from the secret
   * {@code KAMAL_REGISTRY_PASSWORD}), a local docker-driver builder and their SSH user and key; ends with a newline.
   */
  static String registryBuilderAndSsh(TestHosts hosts) {
    return String.join("\n",
        "registry:",
        "  server: " + hosts.registry().address(),
        "  username: " + hosts.registry().username(),
        "  password: [KAMAL_REGISTRY_PASSWORD]",
        "builder:",
        "  arch: amd64",
        "  driver: docker",
        "ssh:",
        "  user: " + hosts.sshUser(),
        "  keys: [" + hosts.privateKey() + "]",
        "  keys_only: true",
        "");
  }
  /**
   * Hook body line that records the hook's {@code KAMAL_*} variables (sorted) to {@code <file>} in the project.
   * The values are what the test checks, so nothing but the variables goes in.
   */
  static String recordEnv(String file) {
    return "env | grep '^KAMAL_' | sort > \"$PWD/" + file + "\"";
  }

  /** The {@code KAMAL_*} variables a hook recorded with {@link #recordEnv}. */
  Map<String, String> recorded(String file) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve(file))) {
      int eq = line.indexOf('=');
      env.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return env;
  }

  /** What one run of the launcher did. */
  record Run(String args, int exitCode, String stdout, String stderr, Duration elapsed) {
    @Override
    public String toString() {
      return "sextant " + args + " exited " + exitCode + " after " + elapsed.toMillis() + " ms\n--- stdout\n"
          + stdout + "--- stderr\n" + stderr;
    }
  }

  /** A started launcher process whose output goes to files (so that nothing blocks on a full pipe). */
  final class Started {
    final Process process;
    final String args;
    private final Path out;
    private final Path err;
    private final long startNanos = System.nanoTime();

    private Started(Process process, String args, Path out, Path err) {
      this.process = process;
      this.args = args;
      this.out = out;
      this.err = err;
    }

    /** Waits for the end (at most {@code limit}); a process still running then is killed and fails the test. */
    Run await(Duration limit) throws IOException, InterruptedException {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("sextant " + args + " still running after " + limit + "\n--- stdout\n"
            + Files.readString(out) + "--- stderr\n" + Files.readString(err));
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
      return new Run(args, process.exitValue(), Files.readString(out), Files.readString(err), elapsed);
    }

    /** The output so far. */
    String stdout() throws IOException {
      return Files.readString(out);
    }
  }

  /** Runs {@code bin/sextant ARGS} in the project and waits (2 min at most). */
  Run run(String... args) throws IOException, InterruptedException {
    return start(Map.of(), args).await(Duration.ofMinutes(2));
  }

  Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return start(env, args).await(Duration.ofMinutes(2));
  }

  /** Starts {@code bin/sextant ARGS} in the project with {@code extraEnv} on top of {@link #environment()}. */
  Started start(Map<String, String> extraEnv, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(launcher().toString()));
    command.addAll(List.of(args));
    int n;
    synchronized (this) {
      n = ++runs;
    }
    Path out = logs.resolve(n + ".out");
    Path err = logs.resolve(n + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment());
    builder.environment().putAll(extraEnv);
    return new Started(builder.start(), String.join(" ", args), out, err);
  }

  /**
   * The launcher's environment: this JVM's, minus anything Kamal-related, with the project's HOME and the suite's
   * agent mode ({@link AgentMode}), or this project's own agent after {@link #useAgent()}.
   */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>(System.getenv());
    env.keySet().removeIf(name -> name.startsWith("KAMAL_") || name.startsWith("SSH_") || name.equals("VERSION")
        || name.equals("SEXTANT_JAVA_OPTS"));
    AgentMode.apply(env);
    env.put("HOME", home.toString());
    if (agentDir != null) {
      env.remove("SEXTANT_AGENT"); // on by default: what these tests prove, whatever the suite's mode
      if (agentSwitch != null) {
        env.put("SEXTANT_AGENT", agentSwitch);
      }
      env.put("SEXTANT_AGENT_DIR", agentDir.toString());
      env.put("SEXTANT_AGENT_IDLE", "120");
    } else if (cold) {
      env.put("SEXTANT_AGENT", "0");
    }
    env.put("SEXTANT_LAUNCHER", launcher().toString());
    return env;
  }

  /** Runs every later command on the cold path ({@code SEXTANT_AGENT=0}), for the {@code *ColdIT} twins. */
  void withoutAgent() {
    cold = true;
  }

  /**
   * Runs every later command with the warm agent on by default (no SEXTANT_AGENT), in a directory of this
   * project's own; the test must call {@link #stopAgent()} at its end.
   */
  Path useAgent() {
    agentDir = dir.getParent().resolve("agent");
    return agentDir;
  }

  /** {@link #useAgent()}, and starts the agent now, so that every later command goes through it. */
  void startAgent() throws IOException, InterruptedException {
    startAgent(null);
  }

  /** How many whole commands the running agent has run for thin clients ({@code agent status}'s count). */
  long commandsRunInAgent() throws IOException, InterruptedException {
    return agentCounter("commands run");
  }

  /** One counter of the running agent's {@code agent status} ({@code commands run}, {@code execs served}). */
  long agentCounter(String name) throws IOException, InterruptedException {
    Run status = run("agent", "status");
    if (status.exitCode() != 0) {
      throw new AssertionError("no agent answers: " + status);
    }
    String prefix = name + ": ";
    return status.stdout().lines().filter(line -> line.startsWith(prefix))
        .mapToLong(line -> Long.parseLong(line.substring(prefix.length()))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + status));
  }

  /**
   * For the {@code *ChannelsIT} twins: the agent served the commands' SSH execs during the test and ran none of
   * them whole; then it is stopped.
   */
  void stopAgentThatServedChannelsOnly() throws IOException, InterruptedException {
    try {
      if (agentCounter("execs served") <= 0) {
        throw new AssertionError("the agent served no exec: every command connected in its own process");
      }
      if (commandsRunInAgent() != 0) {
        throw new AssertionError("the agent ran whole commands with SEXTANT_AGENT=channels");
      }
    } finally {
      stopAgent();
    }
  }

  /**
   * As {@link #startAgent()} with {@code SEXTANT_AGENT=switchValue} for every later command ({@code null}: unset,
   * whole commands run in the agent; {@code channels}: only their SSH channels).
   */
  void startAgent(String switchValue) throws IOException, InterruptedException {
    agentSwitch = switchValue;
    useAgent();
    Run started = run("agent", "start");
    if (started.exitCode() != 0) {
      throw new AssertionError(started.toString());
    }
  }

  /**
   * Stops the agent {@link #useAgent()} may have started, also one a command started just before and that is still
   * booting (its pid file names it), and waits until no agent process of this project is left.
   */
  void stopAgent() throws IOException, InterruptedException {
    if (agentDir != null) {
      AgentMode.stop(agentDir);
    }
  }

  /** The pids of the agents commands started in this project (written by the starter, one file per build). */
  List<Long> agentPids() throws IOException {
    return agentDir == null ? List.of() : AgentMode.agentPids(agentDir);
  }

  static Path launcher() {
    return Path.of(System.getProperty("sextant.root", ".")).toAbsolutePath().resolve("bin/sextant");
  }

  /** Runs {@code command} on {@code host} with the OpenSSH client, outside Sextant. */
  CommandResult ssh(TestHost host, String command) {
    return hosts.ssh(host, command);
  }

  /** Whether the lock directory of this project's service is on {@code host}. */
  boolean lockExistsOn(TestHost host, String destinationSuffix) {
    CommandResult result = ssh(host, "test -d .kamal/lock-" + service + destinationSuffix);
    if (result.exitCode() != 0 && result.exitCode() != 1) {
      throw new AssertionError("cannot look for the lock: " + result);
    }
    return result.ok();
  }

  /** The members (PIDs) of process group {@code pgid} on this machine, zombies included. */
  static List<Long> processGroup(long pgid) throws IOException {
    List<Long> members = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String stat;
        try {
          stat = Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException gone) {
          continue;
        }
        // pid (comm) state ppid pgrp ...: comm may hold spaces, so split after the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        if (Long.parseLong(fields[2]) == pgid) {
          members.add(Long.parseLong(proc.getFileName().toString()));
        }
      }
    }
    return members;
  }

  /** The signals process {@code pid} catches, from {@code /proc/PID/status} ({@code SigCgt} mask). */
  static long caughtSignals(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(line -> line.startsWith("SigCgt:"))
        .map(line -> Long.parseUnsignedLong(line.substring(7).strip(), 16))
        .findFirst().orElse(0L);
  }

  private String git(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (git.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return output;
  }
}

package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sextant.cli.CliProject.Run;
import io.sextant.cli.CliProject.Started;
import io.sextant.testing.TestHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm agent (issue 20) through the launcher on real test hosts: on by default, off by {@code --no-agent},
 * {@code SEXTANT_AGENT=0} or {@code x-agent: false} (in that precedence); started by the first command that connects,
 * reused by the next ones, stopped when idle; the same output either way; refused to other users; a killed agent
 * fails its command cleanly and is replaced; a changed known_hosts entry is still refused. ({@link ThinClientIT} has
 * what is particular to whole commands run in it.)
 */
class AgentIT {
  static TestHosts hosts;
  @TempDir Path root;
  CliProject project;
  Path agentDir;

  @BeforeAll
  static void hosts() {
    hosts = TestHosts.shared();
  }

  @BeforeEach
  void project() throws Exception {
    project = CliProject.create(root, hosts, "ag" + UUID.randomUUID().toString().substring(0, 8));
    agentDir = project.useAgent();
  }

  @AfterEach
  void stopAgent() throws Exception {
    project.stopAgent();
  }

  @Test
  void theFirstCommandStartsTheAgentTheNextReuseItsSessionsAndItStopsWhenIdle() throws Exception {
    Run cold = project.run(Map.of("SEXTANT_AGENT_IDLE", "10"), "lock", "status");
    assertThat(cold.exitCode()).as(cold.toString()).isZero();
    assertThat(cold.stderr()).as("no agent yet: no warning").isEmpty();
    Map<String, String> status = awaitStatus();
    assertThat(status.get("connections opened")).isEqualTo("0");
    long pid = Long.parseLong(status.get("pid"));

    Run first = project.run("server", "exec", "hostname");
    Run second = project.run("server", "exec", "hostname");
    Run off = project.run(Map.of("SEXTANT_AGENT", "0"), "server", "exec", "hostname");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(List.of(first.stdout(), second.stdout())).as("same output through the agent and without it")
        .containsOnly(off.stdout());
    assertThat(List.of(first.stderr(), second.stderr())).containsOnly(off.stderr());
    Map<String, String> after = status();
    assertThat(after.get("pid")).isEqualTo(Long.toString(pid));
    assertThat(after.get("connections opened")).as("one session per host, reused").isEqualTo("3");
    assertThat(Integer.parseInt(after.get("execs served"))).isGreaterThanOrEqualTo(4);

    await().atMost(Duration.ofSeconds(30)).until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive)
        .orElse(false));
    assertThat(socketFiles()).as("the socket goes with the agent").isEmpty();
    assertThat(project.run("agent", "status").exitCode()).isEqualTo(1);
  }

  @Test
  void anotherUsersProcessCannotUseTheSocket() throws Exception {
    assertThat(project.run("agent", "start").exitCode()).isZero();
    Path socket = socketFiles().get(0);
    String probe = "import socket,sys\n"
        + "s = socket.socket(socket.AF_UNIX)\n"
        + "try:\n  s.connect(sys.argv[1])\nexcept OSError as e:\n  print('refused', e.errno); sys.exit(0)\n"
        + "s.settimeout(10)\nprint('greeting', len(s.recv(1)))\n";
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x")); // only ours is closed
    try {
      assertThat(runAs("nobody", probe, socket)).as("the 0700 directory keeps other users out")
          .startsWith("refused 13");

      // even with the directory and socket opened up, the agent checks the peer's uid and says nothing
      Files.setPosixFilePermissions(agentDir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
      assertThat(runAs("nobody", probe, socket)).isEqualTo("greeting 0");
      assertThat(runAs("root", probe, socket)).as("the owner is greeted").isEqualTo("greeting 1");

      // and a command does not trust an agent in a directory others can enter: one warning, then in-process
      Run untrusted = project.run("lock", "status");
      assertThat(untrusted.exitCode()).as(untrusted.toString()).isZero();
      assertThat(untrusted.stdout()).contains("There is no deploy lock");
      assertThat(untrusted.stderr().lines().toList()).as(untrusted.toString()).hasSize(1).first().asString()
          .startsWith("WARNING: not using the Sextant agent: ").contains("is open to other users");
    } finally {
      Files.setPosixFilePermissions(agentDir, PosixFilePermissions.fromString("rwx------"));
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void killingTheAgentMidExecFailsThatCommandCleanlyAndTheNextStartsANewOne() throws Exception {
    assertThat(project.run("agent", "start").exitCode()).isZero();
    long pid = Long.parseLong(status().get("pid"));
    // the command in its own process, its exec in the agent (ThinClientIT kills it under a whole command)
    Started running = project.start(Map.of("SEXTANT_AGENT", "channels"), "server", "exec", "-h", project.host(0).ip(),
        "sleep 20; echo late");
    // the audit line rides in the command's own exec: one exec served means the command is running
    await().atMost(Duration.ofSeconds(60)).until(() -> Integer.parseInt(status().get("execs served")) >= 1);
    ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL: the socket file stays behind
    Run failed = running.await(Duration.ofSeconds(60));
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    assertThat(failed.stdout()).as(failed.toString()).doesNotContain("\nlate\n")
        .contains("the Sextant agent stopped while the command ran");
    assertThat(failed.stderr()).as(failed.toString()).doesNotContain("\tat ");

    Run next = project.run("lock", "status");
    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(next.stderr().lines().toList()).as(next.toString()).hasSize(1).first().asString()
        .contains("is not running (stale socket)");
    Map<String, String> replaced = awaitStatus();
    assertThat(replaced.get("pid")).isNotEqualTo(Long.toString(pid));
  }

  @Test
  void aChangedHostKeyIsStillRefusedThroughTheAgent() throws Exception {
    assertThat(project.run("agent", "start").exitCode()).isZero();
    String ip = project.host(0).ip();
    assertThat(project.run("server", "exec", "-h", ip, "true").exitCode()).isZero();
    // another key recorded for the host: the agent's open session must not be used for it
    Path other = root.resolve("other_key");
    new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString()).start().waitFor();
    String otherKey = Files.readString(Path.of(other + ".pub")).split(" ")[1];
    List<String> lines = Files.readAllLines(project.knownHosts()).stream()
        .map(line -> line.startsWith(ip + " ssh-ed25519 ") ? ip + " ssh-ed25519 " + otherKey : line).toList();
    Files.write(project.knownHosts(), lines);
    Run refused = project.run("server", "exec", "-h", ip, "true");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.stderr()).as(refused.toString()).contains("host key changed");
  }

  @Test
  void theFlagWinsOverTheEnvironmentWhichWinsOverTheConfigKeyAndOffStartsNoAgent() throws Exception {
    Run flagOff = project.run("lock", "status", "--no-agent");
    Run envOff = project.run(Map.of("SEXTANT_AGENT", "0"), "lock", "status");
    assertThat(flagOff.exitCode()).as(flagOff.toString()).isZero();
    assertThat(List.of(flagOff.stderr(), envOff.stderr())).containsOnly("");
    assertThat(envOff.stdout()).isEqualTo(flagOff.stdout());
    assertThat(project.agentPids()).as("a command with the agent off starts none").isEmpty();

    Run bad = project.run(Map.of("SEXTANT_AGENT", "maybe"), "lock", "status");
    assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
    assertThat(bad.stderr()).isEqualTo("ERROR: SEXTANT_AGENT=maybe: expected 0, false, no, off (no warm agent), 1,"
        + " true, yes, on, thin (commands run in the warm agent) or channels (only their SSH channels do)\n");

    assertThat(project.run(Map.of("SEXTANT_AGENT", "0"), "agent", "start").exitCode())
        .as("agent start|status work whatever the switch").isZero();
    assertThat(project.run(Map.of("SEXTANT_AGENT", "0"), "agent", "status").exitCode()).isZero();
    String config = Files.readString(project.dir.resolve("config/deploy.yml"));
    project.write("config/deploy.yml", config + "x-agent: false\n");
    assertServed(false, flagOff.stdout(), Map.of(), "lock", "status");
    assertServed(true, flagOff.stdout(), Map.of("SEXTANT_AGENT", "1"), "lock", "status");
    assertServed(false, flagOff.stdout(), Map.of("SEXTANT_AGENT", "1"), "lock", "status", "--no-agent");
    project.write("config/deploy.yml", config);
    assertServed(true, flagOff.stdout(), Map.of(), "lock", "status");
    assertServed(false, flagOff.stdout(), Map.of(), "--no-agent", "lock", "status");
    assertServed(false, flagOff.stdout(), Map.of("SEXTANT_AGENT", "off"), "lock", "status");
    assertServed(true, flagOff.stdout(), Map.of("SEXTANT_AGENT", "0"), "lock", "status", "--agent");

    project.write("config/deploy.yml", config + "x-agent: 'no'\n");
    Run badKey = project.run("lock", "status");
    assertThat(badKey.exitCode()).as(badKey.toString()).isEqualTo(2);
    assertThat(badKey.stderr()).as(badKey.toString()).startsWith("ERROR: config/deploy.yml:").contains(
        ": x-agent: should be true or false (false: this project's commands do not use the warm agent), got a string");
  }

  @Test
  void aSessionTheServerDroppedIsReconnectedTransparentlyOnTheNextCommand() throws Exception {
    assertThat(project.run("agent", "start").exitCode()).isZero();
    String ip = project.host(0).ip();
    // the agent's session runs the command under its per-connection sshd process: $PPID
    Run first = project.run("server", "exec", "-h", ip, "echo sshd=$PPID");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    Matcher sshd = Pattern.compile("sshd=(\\d+)").matcher(first.stdout());
    assertThat(sshd.find()).as(first.toString()).isTrue();
    assertThat(status().get("connections opened")).isEqualTo("1");

    project.ssh(project.host(0), "kill " + sshd.group(1)).requireOk(); // the server ends that connection
    await().atMost(Duration.ofSeconds(30)).until(() -> !project.ssh(project.host(0), "kill -0 " + sshd.group(1)).ok());
    Run second = project.run("server", "exec", "-h", ip, "hostname");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.stderr()).as("no warning").isEmpty();
    assertThat(second.stdout()).contains("App Host: " + ip);
    assertThat(status().get("connections opened")).as("a new session for the dropped one").isEqualTo("2");
  }

  @Test
  void aRelativeProxyCommandRunsInTheCommandsDirectoryNotThroughTheAgent() throws Exception {
    // the proxy command is a script next to deploy.yml, found only from the command's own directory
    project.write("hop", "#!/bin/sh\nexec busybox nc \"$1\" \"$2\"\n");
    Files.setPosixFilePermissions(project.dir.resolve("hop"), PosixFilePermissions.fromString("rwxr-xr-x"));
    String config = Files.readString(project.dir.resolve("config/deploy.yml"));
    assertThat(config).contains("  keys_only: true\n");
    project.write("config/deploy.yml",
        config.replace("  keys_only: true\n", "  keys_only: true\n  proxy_command: ./hop %h %p\n"));
    project.startAgent();

    assertServed(false, project.run(Map.of("SEXTANT_AGENT", "0"), "lock", "status").stdout(), Map.of(),
        "lock", "status");
    assertThat(project.run("lock", "status").stdout()).contains("There is no deploy lock");
  }

  @Test
  void aPlaceWhereNoAgentCanLiveLeavesTheCommandColdWithoutAWord() throws Exception {
    Path file = root.resolve("not-a-directory");
    Files.writeString(file, "");
    Run run = project.run(Map.of("SEXTANT_AGENT_DIR", file.resolve("agent").toString()), "lock", "status");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).contains("There is no deploy lock");
    assertThat(run.stderr()).as(run.toString()).isEmpty();
  }

  @Test
  void anAgentFirstStartedByACommandIgnoringCtrlCGivesItsHooksTheDefaultSignalHandling() throws Exception {
    // a hook prints which signals it starts with ignored (SigIgn: a hex mask, bit N-1 for signal N)
    project.hook("pre-connect", "grep '^SigIgn:' /proc/$$/status | cut -f2 > \"$PWD/hook.sigign\"");
    Path mask = project.dir.resolve("hook.sigign");
    Run cold = project.run(Map.of("SEXTANT_AGENT", "0"), "lock", "status");
    assertThat(cold.exitCode()).as(cold.toString()).isZero();
    long inProcess = Long.parseLong(Files.readString(mask).strip(), 16);

    // as `sextant deploy &` in a script, or under nohup: the agent this command starts must not pass that on
    ProcessBuilder ignoring = new ProcessBuilder("sh", "-c", "trap '' HUP INT QUIT; exec \"$0\" agent start",
        CliProject.launcher().toString()).directory(project.dir.toFile()).redirectErrorStream(true);
    ignoring.environment().clear();
    ignoring.environment().putAll(project.environment());
    Process start = ignoring.start();
    String started = new String(start.getInputStream().readAllBytes());
    assertThat(start.waitFor()).as(started).isZero();
    long before = project.commandsRunInAgent();
    Files.delete(mask);

    Run warm = project.run("lock", "status");
    assertThat(warm.exitCode()).as(warm.toString()).isZero();
    assertThat(project.commandsRunInAgent()).as("the command ran in the agent").isGreaterThan(before);
    long inAgent = Long.parseLong(Files.readString(mask).strip(), 16);
    long hupIntQuit = 0b111;
    assertThat(inAgent & hupIntQuit).as("SIGHUP, SIGINT, SIGQUIT ignored by the hook in the agent (mask %x)", inAgent)
        .isEqualTo(inProcess & hupIntQuit).isZero();
  }

  /** Runs a command and checks whether the running agent served its execs, and that it printed {@code stdout}. */
  private void assertServed(boolean served, String stdout, Map<String, String> env, String... args)
      throws Exception {
    int before = Integer.parseInt(status().get("execs served"));
    Run run = project.run(env, args);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).as(run.toString()).isEqualTo(stdout);
    assertThat(run.stderr()).as(run.toString()).isEmpty();
    int after = Integer.parseInt(status().get("execs served"));
    assertThat(after > before).as(env + " " + String.join(" ", args) + " served by the agent").isEqualTo(served);
  }

  private String runAs(String user, String script, Path socket) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("setpriv", "--reuid=" + user, "--regid=" + user.replace("nobody",
        "nogroup"), "--clear-groups", "/usr/bin/python3", "-c", script, socket.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes()).strip();
    process.waitFor();
    return output;
  }

  private List<Path> socketFiles() throws IOException {
    try (Stream<Path> files = Files.list(agentDir)) {
      return files.filter(f -> f.toString().endsWith(".sock")).toList();
    }
  }

  private Map<String, String> awaitStatus() {
    return await().atMost(Duration.ofSeconds(60)).until(this::status, s -> !s.isEmpty());
  }

  /** {@code agent status} as a map (empty when no agent answers). */
  private Map<String, String> status() throws IOException, InterruptedException {
    Run run = project.run("agent", "status");
    if (run.exitCode() != 0) {
      return Map.of();
    }
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    Matcher matcher = Pattern.compile("(?m)^([a-z ]+): (.*)$").matcher(run.stdout());
    while (matcher.find()) {
      fields.put(matcher.group(1), matcher.group(2));
    }
    return fields;
  }
}

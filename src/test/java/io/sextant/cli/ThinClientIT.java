package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sextant.cli.CliProject.Run;
import io.sextant.cli.CliProject.Started;
import io.sextant.testing.TestHosts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin client (issue 20: how the warm agent is used by default) through the launcher on real test hosts: the
 * same commands run in-process ({@code SEXTANT_AGENT=0}) and in the warm agent give the same output, exit codes, hook
 * environment and audit lines; the agent sees the client's directory, environment, standard input and character
 * sets; Ctrl-C reaches the command's cleanup; {@code --verbose} lasts one command; an interactive command, and one
 * whose configuration has a {@code proxy_command}, runs in the client; a killed agent fails the command with one line.
 */
class ThinClientIT {
  static TestHosts hosts;
  @TempDir Path root;
  CliProject project;

  @BeforeAll
  static void hosts() {
    hosts = TestHosts.shared();
  }

  @BeforeEach
  void project() throws Exception {
    project = CliProject.create(root, hosts, "th" + UUID.randomUUID().toString().substring(0, 8));
    project.startAgent(null); // SEXTANT_AGENT unset: the thin client is the default
  }

  @AfterEach
  void stopAgent() throws Exception {
    project.stopAgent();
  }

  @Test
  void theSameCommandsGiveTheSameOutputExitCodesAndAuditLinesInProcessAndInTheAgent() throws Exception {
    List<List<String>> commands = List.of(
        List.of("lock", "status"),
        List.of("lock", "acquire", "-m", "both ways"),
        List.of("lock", "status"),
        List.of("lock", "release"),
        List.of("server", "exec", "hostname"),
        List.of("app", "details"),
        List.of("app", "version"),
        List.of("config"),
        List.of("-c", "config/missing.yml", "lock", "status"),
        List.of("server", "exec", "--", "false"));
    List<String> local = runAll(commands, "0");
    String localAudit = normalized(project.run(Map.of("SEXTANT_AGENT", "0"), "audit").stdout());
    long before = project.commandsRunInAgent();
    List<String> thin = runAll(commands, null);
    assertThat(project.commandsRunInAgent() - before).as("every command ran in the agent")
        .isEqualTo(commands.size());
    for (int i = 0; i < commands.size(); i++) {
      assertThat(thin.get(i)).as(String.join(" ", commands.get(i))).isEqualTo(local.get(i));
    }
    assertThat(local.get(8)).as("a configuration error: exit 2 and one line").startsWith("exit 2\n--- stdout\n\n"
        + "--- stderr\nERROR: ");
    // the audit log now holds the in-process lines, then the agent's: the same ones, in the same order
    String audit = normalized(project.run(Map.of("SEXTANT_AGENT", "0"), "audit").stdout());
    List<String> sorted = new ArrayList<>(auditLines(audit));
    sorted.sort(null);
    assertThat(sorted).isEqualTo(twice(auditLines(localAudit)));
    assertThat(auditLines(localAudit)).isNotEmpty();
  }

  @Test
  void hooksRunInTheClientsDirectoryWithItsEnvironment() throws Exception {
    project.write("probe.txt", "relative file of the project\n");
    project.hook("pre-connect", String.join("\n",
        "out=\"$PWD/pre-connect.$SEXTANT_AGENT\"",
        "{ echo \"pwd=$PWD\"; echo \"probe=$THIN_PROBE\"; cat probe.txt; env | grep '^KAMAL_' | sort; }"
            + " > \"$out\""));
    Map<String, String> probe = Map.of("THIN_PROBE", "from the client");
    Run local = project.run(with(probe, "0"), "server", "exec", "true");
    Run thin = project.run(with(probe, null), "server", "exec", "true");
    assertThat(thin.exitCode()).as(thin.toString()).isZero();
    assertThat(normalized(thin.stdout())).isEqualTo(normalized(local.stdout()));
    String seen = Files.readString(project.dir.resolve("pre-connect."));
    assertThat(seen).contains("pwd=" + project.dir, "probe=from the client", "relative file of the project",
        "KAMAL_PERFORMER=" + CliProject.GIT_EMAIL);
    assertThat(normalized(seen)).isEqualTo(normalized(Files.readString(project.dir.resolve("pre-connect.0"))));
  }

  @Test
  void aConfirmationPromptReadsTheClientsStandardInput() throws Exception {
    Path no = project.dir.resolve("answer-no");
    Files.writeString(no, "n\n");
    long before = project.commandsRunInAgent();
    String thin = withInput(null, no, "remove");
    assertThat(project.commandsRunInAgent()).as("ran in the agent").isEqualTo(before + 1);
    String local = withInput("0", no, "remove");
    assertThat(thin).isEqualTo(local).contains("Are you sure? [y/N]");
  }

  @Test
  void ctrlCDuringAHookReleasesTheLockAndStopsTheHookInTheAgent() throws Exception {
    project.hook("docker-setup", String.join("\n",
        "sleep 300 &",
        "echo \"$$ $(ps -o pgid= -p $$ | tr -d ' ') $!\" > \"$PWD/hook.pids.tmp\"",
        "mv \"$PWD/hook.pids.tmp\" \"$PWD/hook.pids\"",
        "wait"));
    long before = project.commandsRunInAgent();
    Started holder = project.start(Map.of(), "server", "bootstrap");
    Path pids = project.dir.resolve("hook.pids");
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(pids) || !holder.process.isAlive());
    assertThat(holder.process.isAlive()).as("bootstrap still running: " + holder.stdout()).isTrue();
    assertThat(project.commandsRunInAgent()).as("the command runs in the agent").isEqualTo(before + 1);
    long pgid = Long.parseLong(Files.readString(pids).strip().split(" ")[1]);
    assertThat(project.lockExistsOn(project.host(0), "")).isTrue();

    assertThat(new ProcessBuilder("kill", "-INT", Long.toString(holder.process.pid())).start().waitFor()).isZero();
    Run run = holder.await(Duration.ofSeconds(45));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(130);
    assertThat(run.stdout()).as(run.toString()).containsOnlyOnce("Releasing the deploy lock...");
    assertThat(project.lockExistsOn(project.host(0), "")).as("lock released").isFalse();
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(CliProject.processGroup(pgid)).as("hook process group " + pgid).isEmpty());
  }

  @Test
  void anInteractiveCommandRunsInTheClient() throws Exception {
    long before = project.commandsRunInAgent();
    Run thin = project.run("server", "exec", "-i", "-h", project.host(0).ip(), "true");
    Run local = project.run(Map.of("SEXTANT_AGENT", "0"), "server", "exec", "-i", "-h", project.host(0).ip(),
        "true");
    assertThat(project.commandsRunInAgent()).as("not run in the agent").isEqualTo(before);
    assertThat(thin.exitCode()).as(thin.toString()).isEqualTo(local.exitCode());
    assertThat(thin.stdout()).isEqualTo(local.stdout());
  }

  @Test
  void xAgentFalseOrNoAgentRunsTheCommandInTheClientWithTheSameOutput() throws Exception {
    Run local = project.run(Map.of("SEXTANT_AGENT", "0"), "lock", "status");
    long before = project.commandsRunInAgent();
    Run flag = project.run("lock", "status", "--no-agent");
    Files.writeString(project.dir.resolve("config/deploy.yml"), "x-agent: false\n"
        + Files.readString(project.dir.resolve("config/deploy.yml")));
    Run configured = project.run("lock", "status");
    Run configuredLocal = project.run(Map.of("SEXTANT_AGENT", "0"), "lock", "status");
    assertThat(project.commandsRunInAgent()).as("handed back to the client").isEqualTo(before);
    assertThat(flag.toString().replaceAll("after \\d+ ms", "")).isEqualTo(local.toString()
        .replaceAll("after \\d+ ms", "").replace("lock status", "lock status --no-agent"));
    assertThat(configured.exitCode()).as(configured.toString()).isZero();
    assertThat(configured.stdout()).isEqualTo(configuredLocal.stdout()).contains("There is no deploy lock");
    assertThat(configured.stderr()).isEqualTo(configuredLocal.stderr());
  }

  @Test
  void killingTheAgentMidCommandFailsTheCommandWithOneLine() throws Exception {
    long before = project.commandsRunInAgent();
    long agent = project.agentPids().get(0);
    Started running = project.start(Map.of(), "server", "exec", "-h", project.host(0).ip(), "sleep 20; echo late");
    await().atMost(Duration.ofSeconds(60)).until(() -> project.commandsRunInAgent() > before);
    ProcessHandle.of(agent).orElseThrow().destroyForcibly();
    Run failed = running.await(Duration.ofSeconds(60));
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    assertThat(failed.stdout()).as(failed.toString()).doesNotContain("\nlate\n");
    assertThat(failed.stderr().lines().toList()).as(failed.toString()).hasSize(1).first().asString()
        .startsWith("ERROR: the Sextant agent stopped while the command ran");
  }

  @Test
  void theOutputIsEncodedInTheClientsCharacterSetsWhateverLocaleTheAgentStartedWith() throws Exception {
    String message = "h\u00e9llo w\u00f6rld \u2713";
    Run acquired = project.run(Map.of("SEXTANT_AGENT", "0"), "lock", "acquire", "-m", message);
    assertThat(acquired.exitCode()).as(acquired.toString()).isZero();
    for (String agentLocale : List.of("C", "C.UTF-8")) {
      project.stopAgent();
      Run started = project.run(locale(agentLocale), "agent", "start");
      assertThat(started.exitCode()).as(started.toString()).isZero();
      for (String clientLocale : List.of("C.UTF-8", "C")) {
        String as = "agent started under " + agentLocale + ", client under " + clientLocale;
        Map<String, String> cold = new java.util.HashMap<>(locale(clientLocale));
        cold.put("SEXTANT_AGENT", "0");
        long before = project.commandsRunInAgent();
        Run status = project.run(locale(clientLocale), "lock", "status");
        // picocli's own message (an unknown option) takes the same way
        Run unknown = project.run(locale(clientLocale), "lock", "status", "--\u00e9t\u00e9");
        assertThat(project.commandsRunInAgent()).as(as + ": both ran in the agent").isEqualTo(before + 2);
        assertThat(status.stdout()).as(as).contains(clientLocale.equals("C") ? "Message: h?llo w?rld ?\n"
            : "Message: " + message + "\n").isEqualTo(project.run(cold, "lock", "status").stdout());
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.stderr()).as(as).contains(clientLocale.equals("C") ? "--??" : "--\u00e9t\u00e9")
            .isEqualTo(project.run(cold, "lock", "status", "--\u00e9t\u00e9").stderr());
      }
    }
    assertThat(project.run("lock", "release").exitCode()).isZero();
  }

  @Test
  void verboseShowsTheSshLibrarysWarningsForThatCommandOnly() throws Exception {
    try (ServerSocket garbling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> garble(garbling), "garbling-ssh-server");
      server.setDaemon(true);
      server.start();
      // a configuration whose one host is a server that answers the key exchange with a broken packet: the SSH
      // library logs a warning about it (as it does about real servers that misbehave)
      String config = Files.readString(project.dir.resolve("config/deploy.yml"))
          .replaceAll("(?s)servers:.*?registry:", "servers:\n  - 127.0.0.1\nregistry:")
          .replace("ssh:\n", "ssh:\n  port: " + garbling.getLocalPort() + "\n");
      project.write("config/garbled.yml", config);
      String[] exec = {"-c", "config/garbled.yml", "server", "exec", "true"};
      long before = project.commandsRunInAgent();
      // The warning is logged on the library's own thread as the session fails, a moment after or before the
      // command sees the failure: a few tries until it shows (it needs the library's first loggers too).
      boolean warned = false;
      for (int i = 0; i < 5 && !warned; i++) {
        Run verbose = project.run(concat(exec, "--verbose"));
        assertThat(verbose.exitCode()).as(verbose.toString()).isEqualTo(1);
        warned = verbose.stderr().contains("WARN org.apache.sshd.");
      }
      assertThat(warned).as("--verbose shows the SSH library's warnings").isTrue();
      for (int i = 0; i < 3; i++) {
        Run quiet = project.run(exec);
        assertThat(quiet.exitCode()).as(quiet.toString()).isEqualTo(1);
        assertThat(quiet.stdout() + quiet.stderr()).as("a later command without --verbose").doesNotContain("WARN ");
      }
      assertThat(project.commandsRunInAgent()).as("all ran in the agent").isGreaterThan(before + 3);
    }
  }

  @Test
  void aConfigurationWithAProxyCommandRunsInTheClientsDirectoryAndEnvironment() throws Exception {
    // the proxy command is a script next to deploy.yml, found only from the command's own directory; it records
    // where it ran and what it saw of the client's environment
    project.write("hop", "#!/bin/sh\necho \"$PWD $HOP_PROBE\" >> \"$PWD/hop.log\"\nexec busybox nc \"$1\" \"$2\"\n");
    Files.setPosixFilePermissions(project.dir.resolve("hop"), PosixFilePermissions.fromString("rwxr-xr-x"));
    String config = Files.readString(project.dir.resolve("config/deploy.yml"));
    project.write("config/deploy.yml",
        config.replace("  keys_only: true\n", "  keys_only: true\n  proxy_command: ./hop %h %p\n"));
    Map<String, String> probe = Map.of("HOP_PROBE", "from the client");
    Run local = project.run(with(probe, "0"), "lock", "status");
    long before = project.commandsRunInAgent();
    Run thin = project.run(probe, "lock", "status");
    assertThat(project.commandsRunInAgent()).as("handed back to the client").isEqualTo(before);
    assertThat(thin.exitCode()).as(thin.toString()).isZero();
    assertThat(thin.stdout()).isEqualTo(local.stdout()).contains("There is no deploy lock");
    assertThat(thin.stderr()).isEqualTo(local.stderr());
    assertThat(Files.readAllLines(project.dir.resolve("hop.log"))).hasSize(2)
        .containsOnly(project.dir + " from the client");
  }

  /** Accepts connections: greets as an SSH server, then sends a packet too short to parse, and hangs up later. */
  private static void garble(ServerSocket listener) {
    while (!listener.isClosed()) {
      try (Socket client = listener.accept()) {
        client.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
        client.getInputStream().read(new byte[256]);
        client.getOutputStream().write("\0\0\0\u000cgarbagegarbage".repeat(3).getBytes(StandardCharsets.US_ASCII));
        Thread.sleep(3000);
      } catch (IOException | InterruptedException e) {
        return;
      }
    }
  }

  private static String[] concat(String[] words, String last) {
    String[] all = Arrays.copyOf(words, words.length + 1);
    all[words.length] = last;
    return all;
  }

  private static Map<String, String> locale(String name) {
    return Map.of("LANG", name, "LC_ALL", name);
  }

  private List<String> runAll(List<List<String>> commands, String agent) throws Exception {
    List<String> results = new ArrayList<>();
    for (List<String> command : commands) {
      Run run = project.run(agent == null ? Map.of() : Map.of("SEXTANT_AGENT", agent),
          command.toArray(String[]::new));
      results.add("exit " + run.exitCode() + "\n--- stdout\n" + normalized(run.stdout()) + "\n--- stderr\n"
          + normalized(run.stderr()));
    }
    return results;
  }

  private Map<String, String> with(Map<String, String> env, String agent) {
    Map<String, String> all = new java.util.HashMap<>(env);
    if (agent != null) {
      all.put("SEXTANT_AGENT", agent);
    }
    return all;
  }

  /** Runs the launcher with {@code input} as its standard input; returns exit code and output. */
  private String withInput(String agent, Path input, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(CliProject.launcher().toString()));
    command.addAll(List.of(args));
    Path out = root.resolve("input-" + (agent == null ? "thin" : agent) + ".out");
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.dir.toFile())
        .redirectInput(input.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().clear();
    builder.environment().putAll(project.environment());
    if (agent != null) {
      builder.environment().put("SEXTANT_AGENT", agent);
    }
    int exit = builder.start().waitFor();
    return "exit " + exit + "\n" + normalized(Files.readString(out));
  }

  /** Times, durations and dates vary from run to run. */
  private static String normalized(String text) {
    return text.replaceAll("\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:?\\d\\d)?", "<time>")
        .replaceAll("\\d+(\\.\\d+)? ?(ms|s|seconds)\\b", "<duration>")
        .replaceAll("sextant-hook(-output)?-\\d+", "<temporary file>");
  }

  private static List<String> auditLines(String audit) {
    return audit.lines().filter(line -> line.contains("<time>")).toList();
  }

  /** Every line twice, sorted: the audit lines of the same commands run both ways, on every host. */
  private static List<String> twice(List<String> lines) {
    List<String> both = new ArrayList<>(lines);
    both.addAll(lines);
    both.sort(null);
    return both;
  }
}

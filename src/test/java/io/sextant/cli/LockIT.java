package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sextant.cli.CliProject.Run;
import io.sextant.cli.CliProject.Started;
import io.sextant.testing.AgentMode;
import io.sextant.testing.CommandResult;
import io.sextant.testing.TestHost;
import io.sextant.testing.TestHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The deploy lock through the real CLI ({@code bin/sextant} as child processes) on real test hosts: contention
 * between processes, {@code --lock-wait}, SIGINT/SIGTERM to a holder, lock inheritance from hooks (D5–D7, C4). The
 * warm agent is started before each test (issue 20), so that every command is served by it as users' are (whole
 * commands, behind the thin client), Ctrl-C and SIGTERM to a lock holder among them; {@link LockColdIT} runs every
 * test without it, {@link LockChannelsIT} with only the SSH channels in it.
 */
class LockIT {
  static TestHosts hosts;
  @TempDir Path root;
  CliProject project;
  TestHost primary;

  @BeforeAll
  static void hosts() {
    hosts = TestHosts.shared();
  }

  @BeforeEach
  void project() throws Exception {
    // a service of its own per test: a lock left behind by one test cannot disturb another
    project = CliProject.create(root, hosts, "lk" + UUID.randomUUID().toString().substring(0, 8));
    primary = project.host(0);
    meetTheAgent();
  }

  /**
   * How this class's commands meet the warm agent: started now, used as the suite's mode says ({@code AgentMode}:
   * the default, whole commands in it), or not at all when the suite runs cold.
   */
  void meetTheAgent() throws Exception {
    if (AgentMode.on()) {
      project.startAgent(AgentMode.switchValue());
    } else {
      project.withoutAgent();
    }
  }

  @AfterEach
  void stopTheAgent() throws Exception {
    project.stopAgent();
  }

  @Test
  void fiveConcurrentAcquiresFromSeparateProcessesExactlyOneWinsAndKamalSeesIt() throws Exception {
    List<Started> contenders = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      contenders.add(project.start(Map.of(), "lock", "acquire", "-m", "contender " + i));
    }
    List<Run> runs = new ArrayList<>();
    for (Started contender : contenders) {
      runs.add(contender.await(Duration.ofMinutes(2)));
    }
    String all = runs.stream().map(Run::toString).reduce("", (a, b) -> a + "\n" + b);
    List<Integer> winners = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      if (runs.get(i).exitCode() == 0) {
        winners.add(i);
      }
    }
    assertThat(winners).as(all).hasSize(1);
    int winner = winners.get(0);
    assertThat(runs.get(winner).stdout()).as(all).contains("Acquired the deploy lock");
    for (int i = 0; i < 5; i++) {
      if (i != winner) {
        Run loser = runs.get(i);
        assertThat(loser.exitCode()).as(all).isEqualTo(1);
        assertThat(loser.stderr()).as(all).contains("Deploy lock already in place!",
            "Locked by: " + CliProject.GIT_USER + " at ", "Message: contender " + winner,
            "ERROR: Deploy lock found.");
      }
    }

    // Kamal's own `lock status` command
    // (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/lock.rb#L18-L22) reads Sextant's lock on the
    // primary host
    CommandResult kamalStatus = project.ssh(primary,
        "stat .kamal/lock-" + project.service + " > /dev/null && cat .kamal/lock-" + project.service
            + "/details | base64 -d");
    assertThat(kamalStatus.exitCode()).as(kamalStatus.toString()).isZero();
    assertThat(kamalStatus.stdout()).startsWith("Locked by: " + CliProject.GIT_USER + " at ")
        .contains("\nVersion: " + project.version() + "\nMessage: contender " + winner);
    assertThat(project.lockExistsOn(project.host(1), "")).as("the lock lives on the primary host only").isFalse();

    Run release = project.run("lock", "release");
    assertThat(release.stdout()).as(release.toString()).contains("Released the deploy lock");
    assertThat(project.lockExistsOn(primary, "")).isFalse();
    Run status = project.run("lock", "status");
    assertThat(status.stdout()).as(status.toString()).contains("There is no deploy lock");
  }

  @Test
  void lockWaitSerializesAutomaticLocksButNeverWaitsForAManualOne() throws Exception {
    // docker-setup runs inside `server bootstrap`'s automatic lock; `inside` exists only while one of them runs;
    // it holds on until the test creates `go` (so the second contender surely finds the lock held)
    project.hook("docker-setup", String.join("\n",
        "mkdir \"$PWD/inside\" || { echo overlap >> \"$PWD/overlaps\"; exit 0; }",
        "echo \"$KAMAL_LOCK_TOKEN\" >> \"$PWD/holders\"",
        "i=0; while [ ! -e \"$PWD/go\" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done",
        "sleep 1",
        "rmdir \"$PWD/inside\""));
    Started first = project.start(Map.of(), "server", "bootstrap");
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.isDirectory(project.dir.resolve("inside")));
    Started second = project.start(Map.of(), "server", "bootstrap", "--lock-wait", "--lock-wait-interval", "1",
        "--lock-wait-timeout", "60");
    await().atMost(Duration.ofSeconds(60))
        .until(() -> second.stdout().contains("Retrying in 1s") || !second.process.isAlive());
    Files.createFile(project.dir.resolve("go"));
    Run firstRun = first.await(Duration.ofMinutes(1));
    Run secondRun = second.await(Duration.ofMinutes(1));
    assertThat(firstRun.exitCode()).as(firstRun.toString()).isZero();
    assertThat(secondRun.exitCode()).as(secondRun.toString()).isZero();
    assertThat(secondRun.stdout()).as(secondRun.toString())
        .contains("Acquiring the deploy lock (waiting up to 60s)...", "Deploy lock is held by:",
            "Message: Automatic deploy lock", "Retrying in 1s (");
    assertThat(project.dir.resolve("overlaps")).as("hooks ran under the lock at the same time").doesNotExist();
    assertThat(Files.readAllLines(project.dir.resolve("holders"))).as("one lock holder after the other")
        .hasSize(2).doesNotHaveDuplicates();
    assertThat(project.lockExistsOn(primary, "")).isFalse();

    // a manual lock is never waited for, whatever --lock-wait says
    assertThat(project.run("lock", "acquire", "-m", "hands off").exitCode()).isZero();
    Run waiting = project.run("server", "bootstrap", "--lock-wait", "--lock-wait-interval", "1",
        "--lock-wait-timeout", "60");
    assertThat(waiting.exitCode()).as(waiting.toString()).isEqualTo(1);
    assertThat(waiting.stdout()).as(waiting.toString()).contains("Deploy lock is held by:", "Message: hands off")
        .doesNotContain("Retrying");
    assertThat(waiting.stderr()).as(waiting.toString()).contains("Deploy lock held manually, not waiting");
    assertThat(waiting.elapsed()).as("failed at once instead of waiting").isLessThan(Duration.ofSeconds(30));
    assertThat(Files.readAllLines(project.dir.resolve("holders"))).as("docker-setup did not run").hasSize(2);
    assertThat(project.lockExistsOn(primary, "")).as("the manual lock stays").isTrue();
    assertThat(project.run("lock", "release").exitCode()).isZero();
  }

  @Test
  void aKamalAutomaticLockIsWaitedForAndAWaiterStoppedByCtrlCLeavesItAlone() throws Exception {
    // what Kamal 2.12 runs to take its automatic lock
    // (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/lock.rb#L6-L10): no Sextant token in the
    // details
    String details = "Locked by: Kamal User at 2026-01-01T00:00:00Z\nVersion: k1\nMessage: Automatic deploy lock";
    String encoded = Base64.getMimeEncoder(60, new byte[] {'\n'})
        .encodeToString(details.getBytes(StandardCharsets.UTF_8));
    String lockDir = ".kamal/lock-" + project.service;
    project.ssh(primary, "mkdir -p .kamal && mkdir " + lockDir + " && echo \"" + encoded + "\n\" > " + lockDir
        + "/details").requireOk();
    project.hook("docker-setup", "touch \"$PWD/docker-setup-ran\"");

    Started waiter = project.start(Map.of(), "server", "bootstrap", "--lock-wait", "--lock-wait-interval", "1");
    await().atMost(Duration.ofSeconds(60))
        .until(() -> waiter.stdout().contains("Retrying in 1s") || !waiter.process.isAlive());
    assertThat(waiter.stdout()).contains("Deploy lock is held by:", "Locked by: Kamal User");
    assertThat(new ProcessBuilder("kill", "-INT", Long.toString(waiter.process.pid())).start().waitFor()).isZero();
    Run run = waiter.await(Duration.ofSeconds(45));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(130);
    assertThat(project.dir.resolve("docker-setup-ran")).doesNotExist();
    CommandResult still = project.ssh(primary, "cat " + lockDir + "/details | base64 -d").requireOk();
    assertThat(still.stdout()).as("Kamal's lock untouched").isEqualTo(details);
    project.ssh(primary, "rm -r " + lockDir).requireOk();
  }

  @Test
  void preConnectRunsBeforeTheFirstSshConnectionAndWithoutItTheLockHostIsReadAsBefore() throws Exception {
    // ssh-sockets PID...: how many TCP connections to port 22 those processes hold (SYN_SENT counts)
    project.write("ssh-sockets", "#!/bin/sh\npattern=$(echo \"$@\" | tr ' ' '|')\n"
        + "ss -Htanp 'dport = :22' | grep -cE \"pid=($pattern),\"\nexit 0\n");
    Path probe = project.dir.resolve("ssh-sockets");
    Files.setPosixFilePermissions(probe, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    try (java.net.Socket open = new java.net.Socket(primary.ip(), 22)) { // the probe sees a connection it should
      Process control = new ProcessBuilder(probe.toString(), Long.toString(ProcessHandle.current().pid())).start();
      assertThat(new String(control.getInputStream().readAllBytes()).strip()).isNotEqualTo("0");
    }
    // The hook's parent is setsid (or the JVM without it), whose parent is the JVM. It looks after a second: a
    // connection begun before the hook would have its socket by then (the SSH client's start-up comes first).
    project.hook("pre-connect",
        "sleep 1; \"$PWD/ssh-sockets\" $PPID $(ps -o ppid= -p $PPID) > \"$PWD/pre-connect.sockets\"");

    Run status = project.run("lock", "status");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.stdout()).as(status.toString()).contains("There is no deploy lock");
    assertThat(Files.readString(project.dir.resolve("pre-connect.sockets")).strip())
        .as("SSH connections of Sextant while pre-connect runs").isEqualTo("0");

    // no pre-connect script to run: the connection starts early, the command reads the same
    assertThat(project.run("lock", "acquire", "-m", "early").exitCode()).isZero();
    Files.delete(project.dir.resolve("pre-connect.sockets"));
    Run skipped = project.run("lock", "status", "--skip-hooks");
    assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
    assertThat(skipped.stdout()).as(skipped.toString())
        .contains("Locked by: " + CliProject.GIT_USER + " at ", "Message: early");
    assertThat(project.dir.resolve("pre-connect.sockets")).doesNotExist();
    assertThat(project.run("lock", "release", "-H").stdout()).contains("Released the deploy lock");
  }

  @ParameterizedTest(name = "SIG{0} exits {1} (hook ignores SIGTERM: {3})")
  @CsvSource({"INT, 130, 2, false", "TERM, 143, 15, false", "TERM, 143, 15, true"})
  void aSignalToTheHolderReleasesTheLockAndEndsTheHookProcessGroup(String signal, int exitCode, int number,
      boolean hookIgnoresTerm) throws Exception {
    // the hook and a child of it write "<hook pid> <process group> <child pid>", then wait; a hook that
    // ignores SIGTERM (and its child with it) is killed after the grace period
    project.hook("docker-setup", String.join("\n",
        hookIgnoresTerm ? "trap '' TERM INT" : "",
        "sleep 300 &",
        "echo \"$$ $(ps -o pgid= -p $$ | tr -d ' ') $!\" > \"$PWD/hook.pids.tmp\"",
        "mv \"$PWD/hook.pids.tmp\" \"$PWD/hook.pids\"",
        "wait"));
    Started holder = project.start(Map.of(), "server", "bootstrap");
    Path pids = project.dir.resolve("hook.pids");
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(pids) || !holder.process.isAlive());
    assertThat(holder.process.isAlive()).as("bootstrap still running: " + holder.stdout()).isTrue();
    String[] ids = Files.readString(pids).strip().split(" ");
    long pgid = Long.parseLong(ids[1]);
    assertThat(CliProject.processGroup(pgid)).contains(Long.parseLong(ids[0]), Long.parseLong(ids[2]));
    assertThat(project.lockExistsOn(primary, "")).isTrue();
    // bin/sextant execs java, so this is the JVM; it must catch the signal (it cannot if started ignoring it)
    long jvm = holder.process.pid();
    assertThat(CliProject.caughtSignals(jvm) & (1L << (number - 1))).as("SIG" + signal + " caught by " + jvm)
        .isNotZero();

    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(jvm)).start().waitFor()).isZero();
    Run run = holder.await(Duration.ofSeconds(45));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(exitCode);
    assertThat(run.stdout()).as(run.toString()).containsOnlyOnce("Releasing the deploy lock...");
    assertThat(project.lockExistsOn(primary, "")).as("lock released").isFalse();
    // killed processes are reaped by init a moment later
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(CliProject.processGroup(pgid)).as("hook process group " + pgid).isEmpty());
  }

  /**
   * The details file is byte for byte what Kamal writes (lib/kamal/commands/lock.rb:29-33, 57-63): {@code echo}
   * of Ruby's {@code Base64.encode64} of three lines; the token is in a file of its own (D7), and
   * {@code lock status} prints the decoded details exactly, as {@code kamal lock status} would.
   */
  @Test
  void theDetailsFileIsKamalsByteForByteAndTheTokenSitsBesideIt() throws Exception {
    Run acquire = project.run("lock", "acquire", "-m", "Fixing the database");
    assertThat(acquire.exitCode()).as(acquire.toString()).isZero();
    String lockDir = ".kamal/lock-" + project.service;

    String file = project.ssh(primary, "cat " + lockDir + "/details").requireOk().stdout();
    String decoded = new String(Base64.getMimeDecoder().decode(file), StandardCharsets.UTF_8);
    Matcher at = Pattern.compile("at (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ)\n").matcher(decoded);
    assertThat(at.find()).as(decoded).isTrue();
    String kamalText = "Locked by: " + CliProject.GIT_USER + " at " + at.group(1) + "\nVersion: " + project.version()
        + "\nMessage: Fixing the database";
    assertThat(file).as("details, byte for byte").isEqualTo(rubyEncode64(kamalText) + "\n");
    assertThat(project.ssh(primary, "cat " + lockDir + "/token").requireOk().stdout()).matches("[0-9a-f]{32}\n");
    assertThat(project.ssh(primary, "stat -c %a " + lockDir + "/token").requireOk().stdout().strip())
        .isEqualTo("600");

    Run status = project.run("lock", "status");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.stdout()).isEqualTo(kamalText + "\n");
    // Kamal's release (lock.rb:11-15) removes Sextant's lock, token and all
    project.ssh(primary, "rm " + lockDir + "/details && rm -r " + lockDir).requireOk();
    assertThat(project.lockExistsOn(primary, "")).isFalse();
  }

  /** Ruby's {@code Base64.encode64}: lines of 60 characters, each ending in a newline. */
  private static String rubyEncode64(String text) {
    String plain = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < plain.length(); i += 60) {
      lines.append(plain, i, Math.min(plain.length(), i + 60)).append('\n');
    }
    return lines.toString();
  }

  @Test
  void aNestedSextantInheritsTheLockOnlyWithTheHoldersToken() throws Exception {
    // The outer bootstrap's docker-setup runs three nested locked commands; docker-setup itself, when run by a
    // nested one, only records its environment (NESTED marks it).
    project.hook("docker-setup", String.join("\n",
        "if [ -n \"$NESTED\" ]; then " + CliProject.recordEnv("nested.env") + "; exit 0; fi",
        CliProject.recordEnv("outer.env"),
        "NESTED=1 \"$SEXTANT_LAUNCHER\" server bootstrap > nested.out 2>&1; echo $? > nested.rc",
        "NESTED=1 KAMAL_LOCK_TOKEN=wrong \"$SEXTANT_LAUNCHER\" server bootstrap > wrong.out 2>&1;"
            + " echo $? > wrong.rc",
        "(unset KAMAL_LOCK_TOKEN; NESTED=1 \"$SEXTANT_LAUNCHER\" server bootstrap > tokenless.out 2>&1;"
            + " echo $? > tokenless.rc)"));
    Run outer = project.run("server", "bootstrap");
    assertThat(outer.exitCode()).as(outer.toString()).isZero();
    Map<String, String> outerEnv = project.recorded("outer.env");
    assertThat(outerEnv).containsEntry("KAMAL_LOCK", "true").containsKey("KAMAL_LOCK_TOKEN");

    // with the token: proceeds inside the outer lock, neither acquiring nor releasing it
    String nestedOut = Files.readString(project.dir.resolve("nested.out"));
    assertThat(Files.readString(project.dir.resolve("nested.rc")).strip()).as(nestedOut).isEqualTo("0");
    assertThat(nestedOut).doesNotContain("Acquiring the deploy lock", "Releasing the deploy lock");
    assertThat(project.recorded("nested.env")).as("the nested docker-setup ran under the same lock")
        .containsEntry("KAMAL_LOCK", "true")
        .containsEntry("KAMAL_LOCK_TOKEN", outerEnv.get("KAMAL_LOCK_TOKEN"));

    // KAMAL_LOCK=true with a wrong or no token: a contender like any other, told who holds the lock
    for (String variant : List.of("wrong", "tokenless")) {
      String out = Files.readString(project.dir.resolve(variant + ".out"));
      assertThat(Files.readString(project.dir.resolve(variant + ".rc")).strip()).as(variant + ": " + out)
          .isEqualTo("1");
      assertThat(out).as(variant).contains("Deploy lock already in place!",
          "Locked by: " + CliProject.GIT_USER, "Message: Automatic deploy lock", "ERROR: Deploy lock found.");
    }
    assertThat(project.lockExistsOn(primary, "")).as("the outer process released its lock").isFalse();
  }
}

package io.sextant.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.ssh.OpenSshServer;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy lock end to end against a real OpenSSH sshd. */
class DeployLockIT {
  @TempDir static Path dir;
  static OpenSshServer sshd;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(out, true, StandardCharsets.UTF_8), Verbosity.NORMAL);

  @BeforeAll
  static void start() throws Exception {
    OpenSshServer.requireAvailable();
    sshd = OpenSshServer.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (sshd != null) {
      sshd.close();
    }
  }

  @AfterEach
  void removeLocks() throws Exception {
    new ProcessBuilder("rm", "-rf", sshd.home().resolve(".kamal").toString()).start().waitFor();
  }

  private DeployLock lock(SshHosts hosts, Optional<String> destination) {
    LockTarget target = new LockTarget("app", destination, sshd.host(), List.of(sshd.host()), "abc123", "Deployer");
    return new DeployLock(hosts, target, console, Map.of(), LockWait.NONE, Clock.systemUTC(), Sleeper.REAL, null);
  }

  @Test
  void acquireStatusReleaseAndKamalCanReadIt() {
    try (SshHosts hosts = new SshHosts(sshd.settings())) {
      DeployLock lock = lock(hosts, Optional.of("production"));
      lock.acquire("Integration Tests");
      // What Kamal 2.12 runs for `kamal lock status`
      // (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/lock.rb#L18-L22), through the same sshd:
      RemoteResult kamalStatus = hosts.run(sshd.host(),
          "stat .kamal/lock-app-production > /dev/null && cat .kamal/lock-app-production/details | base64 -d");
      assertThat(kamalStatus.exitCode()).isZero();
      assertThat(kamalStatus.stdout()).matches("Locked by: Deployer at \\S+Z\nVersion: abc123\n"
          + "Message: Integration Tests");
      assertThat(lock.status()).hasValueSatisfying(details -> assertThat(details).endsWith("Message: Integration Tests"));
      assertThat(lock.release()).isTrue();
      assertThat(lock.status()).isEmpty();
      assertThat(Files.exists(sshd.home().resolve(".kamal/lock-app-production"))).isFalse();
    }
  }

  @Test
  void aLockWrittenTheKamalWayIsSeenAsHeld() {
    try (SshHosts hosts = new SshHosts(sshd.settings())) {
      // Kamal's own acquire command with its base64 details (no token line).
      LockDetails kamal = new LockDetails("Kamal User", java.time.Instant.now(), "v9", "deploying by hand");
      hosts.run(sshd.host(), "mkdir -p .kamal");
      assertThat(hosts.run(sshd.host(), new LockCommands("app", Optional.empty()).kamalAcquire(kamal)).ok()).isTrue();
      DeployLock lock = lock(hosts, Optional.empty());
      org.assertj.core.api.Assertions.assertThatThrownBy(lock::acquireAutomatic).isInstanceOf(LockException.class);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("Deploy lock already in place!\nLocked by: Kamal User");
    }
  }

  @Test
  void hostileDestinationIsQuotedAndRunsNothing() {
    String destination = "a'b$(touch sextant-ssh-pwned)`touch sextant-ssh-pwned2`";
    try (SshHosts hosts = new SshHosts(sshd.settings())) {
      DeployLock lock = lock(hosts, Optional.of(destination));
      lock.acquire("it's $(touch sextant-ssh-pwned3) \"quoted\"");
      assertThat(Files.isDirectory(sshd.home().resolve(".kamal/lock-app-" + destination))).isTrue();
      assertThat(lock.status()).hasValueSatisfying(d -> assertThat(d)
          .endsWith("Message: it's $(touch sextant-ssh-pwned3) \"quoted\""));
      assertThat(lock.release()).isTrue();
    }
    assertThat(sshd.home().resolve("sextant-ssh-pwned")).doesNotExist();
    assertThat(sshd.home().resolve("sextant-ssh-pwned2")).doesNotExist();
    assertThat(sshd.home().resolve("sextant-ssh-pwned3")).doesNotExist();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"INT, 130", "TERM, 143"})
  void signalToTheHolderReleasesTheLockAndExitsWithTheSignalCode(String signal, int expectedExit) throws Exception {
    var settings = sshd.settings();
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LockHoldProbe.class.getName(), sshd.host(), settings.user(),
        settings.keys().get(0).toString(), settings.knownHostsFile().toString()).redirectErrorStream(true).start();
    try {
      var reader = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
          StandardCharsets.UTF_8));
      String line;
      StringBuilder seen = new StringBuilder();
      while ((line = reader.readLine()) != null && !line.equals("locked")) {
        seen.append(line).append('\n');
      }
      assertThat(line).as(seen.toString()).isEqualTo("locked");
      assertThat(sshd.home().resolve(".kamal/lock-app")).isDirectory();
      assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(holder.pid())).start().waitFor()).isZero();
      assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(holder.exitValue()).isEqualTo(expectedExit);
      assertThat(new String(holder.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .contains("Releasing the deploy lock...");
      assertThat(sshd.home().resolve(".kamal/lock-app")).doesNotExist();
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void fiveConcurrentProcessesExactlyOneAcquires() throws Exception {
    List<Process> probes = new ArrayList<>();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var settings = sshd.settings();
    // known_hosts filled first so the five processes do not race to append the same line
    try (SshHosts hosts = new SshHosts(settings)) {
      hosts.run(sshd.host(), "mkdir -p .kamal");
    }
    for (int i = 0; i < 5; i++) {
      probes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(),
          sshd.host(), settings.user(), settings.keys().get(0).toString(), settings.knownHostsFile().toString(),
          "probe " + i).redirectErrorStream(true).start());
    }
    List<Integer> exits = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    for (Process probe : probes) {
      outputs.add(new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
      exits.add(probe.exitValue());
    }
    assertThat(exits).as(String.join("\n---\n", outputs)).containsOnlyOnce(0).filteredOn(e -> e == 1).hasSize(4);
    String winner = outputs.get(exits.indexOf(0));
    assertThat(winner).contains("Acquired the deploy lock");
    for (int i = 0; i < 5; i++) {
      if (exits.get(i) == 1) {
        assertThat(outputs.get(i)).contains("Deploy lock already in place!", "Locked by: Probe",
            "Deploy lock found. Run 'sextant lock help' for more information");
      }
    }
  }
}

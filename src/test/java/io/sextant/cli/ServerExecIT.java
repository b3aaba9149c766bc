package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.cli.CliProject.Run;
import io.sextant.testing.CommandResult;
import io.sextant.testing.TestHost;
import io.sextant.testing.TestHosts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server exec}, host selection, {@code audit} and SSH failure modes through the real CLI
 * ({@code bin/sextant} as a child process) on real test hosts.
 */
class ServerExecIT {
  static TestHosts hosts;
  @TempDir Path root;
  CliProject project;

  @BeforeAll
  static void hosts() {
    hosts = TestHosts.shared();
  }

  @BeforeEach
  void project() throws Exception {
    project = CliProject.create(root, hosts, "lx" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Test
  void execRunsOnEveryHostInParallelOverOneSshConnectionPerHost() throws Exception {
    List<Long> opensBefore = new ArrayList<>();
    for (TestHost host : hosts.hosts()) {
      opensBefore.add(acceptedConnections(host));
    }
    Run all = project.run("server", "exec", "date +%s%N; sleep 2; date +%s%N");
    List<Long> opened = new ArrayList<>();
    for (int i = 0; i < hosts.hosts().size(); i++) {
      opened.add(acceptedConnections(hosts.hosts().get(i)) - opensBefore.get(i));
    }
    assertThat(all.exitCode()).as(all.toString()).isZero();
    // the audit line and the command went over one connection per host (TCP passive opens in its namespace)
    assertThat(opened).as("new SSH connections per host").containsOnly(1L);

    List<long[]> spans = new ArrayList<>();
    for (String ip : project.ips()) {
      Matcher matcher = Pattern.compile("App Host: " + Pattern.quote(ip) + "\n(\\d+)\n(\\d+)\n")
          .matcher(all.stdout());
      assertThat(matcher.find()).as(all.toString()).isTrue();
      spans.add(new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))});
    }
    long lastStart = spans.stream().mapToLong(span -> span[0]).max().orElseThrow();
    long firstEnd = spans.stream().mapToLong(span -> span[1]).min().orElseThrow();
    assertThat(lastStart).as("every host had started before the first one finished").isLessThan(firstEnd);

    Run one = project.run("server", "exec", "-h", project.host(0).ip(), "date +%s%N; sleep 2; date +%s%N");
    assertThat(one.exitCode()).as(one.toString()).isZero();
    System.out.printf("server exec (2 s command): 3 hosts %d ms, 1 host %d ms%n", all.elapsed().toMillis(),
        one.elapsed().toMillis());
  }

  /** Kamal's {@code server exec --raw} (lib/kamal/cli/server.rb:4-10, sshkit_with_ext.rb:23-25). */
  @Test
  void rawPrintsTheStandardOutputUnmodifiedAndRefusesInteractive() throws Exception {
    Run raw = project.run("server", "exec", "--raw", "-r", "workers", "printf 'a  b\\n\\n'; echo noise >&2");
    assertThat(raw.exitCode()).as(raw.toString()).isZero();
    assertThat(raw.stdout()).as(raw.toString()).isEqualTo("a  b\n\n");

    Run both = project.run("server", "exec", "--raw", "-i", "true");
    assertThat(both.exitCode()).as(both.toString()).isEqualTo(2);
    assertThat(both.stderr().strip()).as(both.toString())
        .isEqualTo("ERROR: server exec: --raw is not compatible with --interactive");
  }

  /**
   * Secrets in the output: a long one is replaced everywhere, a one-character one only where it stands alone
   * (docs/configuration.md#secrets); {@code -q} leaves the host lines out, as Kamal's puts_by_host.
   */
  @Test
  void outputIsRedactedSensiblyAndQuietLeavesTheHostLinesOut() throws Exception {
    project.write(".kamal/secrets", "SHORT=x\nLONG=s3cr3t-v4lue\n");
    String ip = project.host(0).ip();
    Run run = project.run("server", "exec", "-h", ip, "echo kamal-proxy PASSWORD=x x; echo as3cr3t-v4lue");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).contains("App Host: " + ip + "\nkamal-proxy PASSWORD=[REDACTED] [REDACTED]\n"
        + "a[REDACTED]\n").doesNotContain("s3cr3t");

    Run quiet = project.run("server", "exec", "-q", "-h", ip, "echo one; echo two");
    assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
    assertThat(quiet.stdout()).isEqualTo("one\ntwo\n\n");
  }

  @Test
  void hostAndRoleFiltersSelectHostsAndTellThePreConnectHook() throws Exception {
    project.hook("pre-connect", CliProject.recordEnv("pre-connect.env"));
    List<String> ips = project.ips();
    String subnet = ips.get(0).substring(0, ips.get(0).lastIndexOf('.') + 1);

    Run workers = project.run("server", "exec", "-r", "work*", "hostname");
    assertThat(workers.exitCode()).as(workers.toString()).isZero();
    assertThat(hostsIn(workers)).containsExactly(ips.get(2));
    assertThat(project.recorded("pre-connect.env")).containsEntry("KAMAL_HOSTS", ips.get(2))
        .containsEntry("KAMAL_ROLES", "workers").containsEntry("KAMAL_ROLE", "workers")
        .containsEntry("KAMAL_COMMAND", "server").containsEntry("KAMAL_SUBCOMMAND", "exec")
        .containsEntry("KAMAL_LOCK", "false");

    Run listed = project.run("server", "exec", "-h", ips.get(2) + "," + ips.get(0), "hostname");
    assertThat(hostsIn(listed)).as(listed.toString()).containsExactly(ips.get(0), ips.get(2));
    assertThat(project.recorded("pre-connect.env")).containsEntry("KAMAL_HOSTS", ips.get(0) + "," + ips.get(2))
        .doesNotContainKeys("KAMAL_ROLES", "KAMAL_ROLE");

    Run wildcard = project.run("server", "exec", "-r", "web,workers", "-h", subnet + "1*", "hostname");
    assertThat(hostsIn(wildcard)).as(wildcard.toString()).containsExactlyElementsOf(ips);
    assertThat(project.recorded("pre-connect.env")).containsEntry("KAMAL_HOSTS", String.join(",", ips))
        .containsEntry("KAMAL_ROLES", "web,workers");

    Run primary = project.run("server", "exec", "-p", "hostname");
    assertThat(hostsIn(primary)).as(primary.toString()).containsExactly(ips.get(0));
    assertThat(primary.stdout()).contains(project.host(0).name());
    assertThat(project.recorded("pre-connect.env")).containsEntry("KAMAL_HOSTS", ips.get(0));

    Files.delete(project.dir.resolve("pre-connect.env"));
    for (String[] filter : List.of(new String[] {"-h", "10.99.*"}, new String[] {"-r", "db*"},
        new String[] {"-r", "web", "-h", ips.get(2)})) {
      List<String> args = new ArrayList<>(List.of("server", "exec"));
      args.addAll(List.of(filter));
      args.add("hostname");
      Run none = project.run(args.toArray(String[]::new));
      assertThat(none.exitCode()).as(none.toString()).isEqualTo(2);
      assertThat(none.stderr().strip()).as(none.toString()).startsWith("ERROR: No ").doesNotContain("\n");
      assertThat(none.stdout()).as(none.toString()).isEmpty();
    }
    assertThat(project.dir.resolve("pre-connect.env")).as("nothing connected").doesNotExist();
  }

  @Test
  void auditShowsTheLineServerExecAppendedOnEachHostWithSecretsRedacted() throws Exception {
    String secret = "lk-s3cret-" + UUID.randomUUID();
    project.write(".kamal/secrets", "DB_PASSWORD=" + secret + "\n");
    Files.writeString(project.dir.resolve("config/deploy.yml"),
        "env:\n  secret:\n    - DB_PASSWORD\n", java.nio.file.StandardOpenOption.APPEND);
    // no hook reads the secrets here: redaction must not depend on one
    Run exec = project.run("server", "exec", "echo " + secret + " is the password");
    assertThat(exec.exitCode()).as(exec.toString()).isZero();
    assertThat(exec.stdout() + exec.stderr()).doesNotContain(secret).contains("[REDACTED] is the password");

    String logFile = ".kamal/" + project.service + "-audit.log";
    for (TestHost host : hosts.hosts()) {
      CommandResult log = project.ssh(host, "cat " + logFile).requireOk();
      assertThat(log.stdout()).as(host.name()).doesNotContain(secret)
          .containsPattern("\\[[0-9T:-]+Z\\] \\[" + Pattern.quote(CliProject.GIT_EMAIL)
              + "\\] Executed commands echo \\[REDACTED\\] is the password\n");
    }

    Run audit = project.run("audit");
    assertThat(audit.exitCode()).as(audit.toString()).isZero();
    assertThat(hostsIn(audit)).containsExactlyElementsOf(project.ips());
    assertThat(audit.stdout().split("Executed commands echo \\[REDACTED\\] is the password", -1))
        .as(audit.toString()).hasSize(4);
    // a line that holds the secret in clear (written by an older tool) is shown redacted
    project.ssh(project.host(0), "echo 'legacy line " + secret + "' >> " + logFile).requireOk();
    Run legacy = project.run("audit", "-h", project.host(0).ip());
    assertThat(legacy.stdout()).as(legacy.toString()).contains("legacy line [REDACTED]").doesNotContain(secret);
  }

  @Test
  void aChangedHostKeyIsRefusedAndNothingRunsThere() throws Exception {
    TestHost changed = project.host(1);
    String otherKey = otherHostKey();
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(project.knownHosts())) {
      lines.add(line.startsWith(changed.ip() + " ") ? changed.ip() + " " + otherKey : line);
    }
    Files.write(project.knownHosts(), lines);
    String marker = "lk-marker-" + UUID.randomUUID();

    Run run = project.run("server", "exec", "touch " + marker);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stderr().strip()).as(run.toString()).doesNotContain("\n").contains(changed.ip(),
        "host key changed", "ssh-keygen -R " + changed.ip());
    assertThat(project.ssh(changed, "test -e " + marker).exitCode()).as("ran on the host").isEqualTo(1);
  }

  @Test
  void aStoppedHostGivesAOneLineErrorBeforeTheConnectTimeout() throws Exception {
    TestHost stopped = project.host(2);
    hosts.stop(stopped);
    Run run;
    try {
      run = project.run("server", "exec", "hostname");
    } finally {
      hosts.start(stopped);
    }
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stderr().strip()).as(run.toString()).doesNotContain("\n").startsWith("ERROR: " + stopped.ip())
        .contains("connection refused");
    // the default connect timeout is 10 s; a refused connection must not wait for it (JVM start included)
    assertThat(run.elapsed()).as(run.toString()).isLessThan(io.sextant.ssh.SshSettings.DEFAULT_CONNECT_TIMEOUT);
  }

  @Test
  void hostileDestinationsAreRejectedOrQuotedAndRunNothing() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    // Kamal's literal example: cannot name a config file (it holds '/'), so it is refused before any host is used
    String absolute = "a'b$(touch /tmp/lk-pwned-" + tag + ")";
    Run refused = project.run("-d", absolute, "lock", "acquire", "-m", "x");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.stderr().strip()).as(refused.toString()).doesNotContain("\n");

    // one that can name a config file: used, but only ever as quoted data on the hosts
    String destination = "a'b$(touch lk-pwned-" + tag + ")`touch lk-pwned2-" + tag + "`;touch lk-pwned3-" + tag;
    project.write("config/deploy." + destination + ".yml", "env:\n  clear:\n    STAGE: hostile\n");
    project.hook("pre-connect", CliProject.recordEnv("pre-connect.env"));
    Run acquire = project.run("-d", destination, "lock", "acquire", "-m", "it's $(touch lk-pwned4-" + tag + ")");
    assertThat(acquire.exitCode()).as(acquire.toString()).isZero();
    assertThat(project.recorded("pre-connect.env")).containsEntry("KAMAL_DESTINATION", destination);
    String lockDir = ".kamal/lock-" + project.service + "-" + destination;
    CommandResult onHost = project.ssh(project.host(0), "test -d " + shellQuote(lockDir));
    assertThat(onHost.exitCode()).as("lock directory named after the destination, verbatim").isZero();
    Run status = project.run("-d", destination, "lock", "status");
    assertThat(status.stdout()).as(status.toString()).contains("Message: it's $(touch lk-pwned4-" + tag + ")");
    Run exec = project.run("-d", destination, "server", "exec", "echo ok");
    assertThat(exec.exitCode()).as(exec.toString()).isZero();
    Run audit = project.run("-d", destination, "audit");
    assertThat(audit.stdout()).as(audit.toString()).contains("[" + destination + "] Executed commands echo ok");
    Run release = project.run("-d", destination, "lock", "release");
    assertThat(release.stdout()).as(release.toString()).contains("Released the deploy lock");

    List<String> made = List.of("lk-pwned-" + tag, "lk-pwned2-" + tag, "lk-pwned3-" + tag, "lk-pwned4-" + tag);
    String look = "for d in ~ ~/.kamal /tmp; do for f in " + String.join(" ", made)
        + "; do if [ -e \"$d/$f\" ]; then echo \"$d/$f\"; fi; done; done";
    for (TestHost host : hosts.hosts()) {
      assertThat(project.ssh(host, look).requireOk().stdout()).as("files made on " + host.name()).isEmpty();
    }
    for (Path dir : List.of(project.dir, project.dir.resolve("config"), project.home, Path.of("/tmp"))) {
      for (String name : made) {
        assertThat(dir.resolve(name)).doesNotExist();
      }
    }
    assertThat(Path.of("/tmp/lk-pwned-" + tag)).doesNotExist();
  }

  /** The hosts named in {@code App Host:} lines, in order. */
  private static List<String> hostsIn(Run run) {
    List<String> found = new ArrayList<>();
    Matcher matcher = Pattern.compile("(?m)^App Host: (\\S+)$").matcher(run.stdout());
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  /** TCP connections accepted so far in {@code host}'s network namespace ({@code PassiveOpens}). */
  private static long acceptedConnections(TestHost host) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("nsenter", "--net=/run/netns/" + host.name(), "cat", "/proc/net/snmp")
        .redirectErrorStream(true).start();
    String snmp = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(snmp).isZero();
    String[] lines = snmp.lines().filter(line -> line.startsWith("Tcp:")).toArray(String[]::new);
    List<String> names = List.of(lines[0].split(" "));
    return Long.parseLong(lines[1].split(" ")[names.indexOf("PassiveOpens")]);
  }

  /** A host key no test host has: {@code <type> <base64>}. */
  private String otherHostKey() throws IOException, InterruptedException {
    Path key = root.resolve("other_host_key");
    Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
        .redirectErrorStream(true).start();
    assertThat(keygen.waitFor()).isZero();
    String[] pub = Files.readString(Path.of(key + ".pub")).split(" ");
    return pub[0] + " " + pub[1];
  }

  private static String shellQuote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}

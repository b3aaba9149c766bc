package io.sextant.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.commands.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SshHosts} against a real OpenSSH sshd. */
class SshHostsIT {
  @TempDir static Path dir;
  static OpenSshServer sshd;

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

  @Test
  void commandsReuseOneConnectionAndReportExitCodes() throws Exception {
    try (SshHosts hosts = new SshHosts(sshd.settings())) {
      RemoteResult result = hosts.run(sshd.host(), "pwd; id -un; echo oops >&2; exit 7");
      assertThat(result.exitCode()).isEqualTo(7);
      assertThat(result.stdout()).isEqualTo(sshd.home() + "\n" + OpenSshServer.USER + "\n");
      assertThat(result.stderr()).isEqualTo("oops\n");
      for (int i = 0; i < 10; i++) {
        assertThat(hosts.run(sshd.host(), "true").ok()).isTrue();
      }
      assertThat(hosts.connectionsOpened()).isEqualTo(1);
    }
    // accept-new recorded the ed25519 host key under [127.0.0.1]:port
    String hostKey = Files.readString(sshd.hostPublicKey()).strip();
    assertThat(Files.readString(dir.resolve("known_hosts")))
        .contains("[127.0.0.1]:" + sshd.port() + " " + hostKey.substring(0, hostKey.lastIndexOf(' ')));
  }

  @Test
  void hostileValuesReachTheRemoteCommandExactly() {
    List<String> values = List.of("a'b$(touch sextant-ssh-pwned)", "`touch sextant-ssh-pwned`", "$HOME",
        "line1\nline2", "tab\there", "déploiement 日本 😀", "\"double\" \\ back", "*", "-n", "");
    try (SshHosts hosts = new SshHosts(sshd.settings())) {
      for (String value : values) {
        assertThat(hosts.run(sshd.host(), "printf %s " + Shell.quote(value)).stdout()).isEqualTo(value);
      }
    }
    assertThat(Files.exists(sshd.home().resolve("sextant-ssh-pwned"))).isFalse();
  }

  @Test
  void uploadThroughRealSshd() throws Exception {
    byte[] content = "secret=1\nnon-ascii=é\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (SshHosts hosts = new SshHosts(sshd.settings())) {
      hosts.upload(sshd.host(), content, "env file.env", "600");
      assertThat(hosts.run(sshd.host(), "stat -c %a 'env file.env'").stdout()).isEqualTo("600\n");
    }
    assertThat(Files.readAllBytes(sshd.home().resolve("env file.env"))).isEqualTo(content);
  }

  @Test
  void changedHostKeyIsRefused() throws Exception {
    Path knownHosts = dir.resolve("known_hosts_changed");
    Path impostor = InJvmSshServer.newClientKey(dir, "impostor_host_key");
    Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.port() + " " + Files.readString(Path.of(impostor + ".pub")));
    try (SshHosts hosts = new SshHosts(sshd.settings().withKnownHostsFile(knownHosts))) {
      assertThatThrownBy(() -> hosts.run(sshd.host(), "touch sextant-ssh-should-not-run"))
          .isInstanceOf(HostKeyChangedException.class)
          .hasMessageStartingWith("[127.0.0.1]:" + sshd.port() + ": host key changed")
          .hasMessageContaining("SHA256:");
    }
    assertThat(Files.exists(sshd.home().resolve("sextant-ssh-should-not-run"))).isFalse();
  }

  @Test
  void wrongUserIsRefusedInOneLine() {
    try (SshHosts hosts = new SshHosts(sshd.settings().withUser("nobody"))) {
      assertThatThrownBy(() -> hosts.run(sshd.host(), "true"))
          .isInstanceOf(ConnectionException.class)
          .hasMessageStartingWith(sshd.host() + ": authentication refused for user nobody");
    }
  }
}

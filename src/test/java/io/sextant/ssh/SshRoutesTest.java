package io.sextant.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ways of reaching a host other than a direct connection: jump host, proxy command, ssh_config. */
class SshRoutesTest {
  @TempDir static Path dir;
  static InJvmSshServer target;
  static InJvmSshServer jump;
  static Path key;

  @BeforeAll
  static void start() throws Exception {
    key = InJvmSshServer.newClientKey(dir, "client");
    Path authorized = dir.resolve("authorized_keys");
    InJvmSshServer.authorize(authorized, key);
    target = InJvmSshServer.start(authorized);
    jump = InJvmSshServer.start(authorized);
  }

  @AfterAll
  static void stop() throws Exception {
    target.close();
    jump.close();
  }

  private SshSettings settings(String knownHosts) {
    return SshSettings.defaults().withKeys(List.of(key), true).withKnownHostsFile(dir.resolve(knownHosts))
        .withConnectTimeout(Duration.ofSeconds(5));
  }

  @Test
  void proxyJumpGoesThroughTheJumpHost() throws Exception {
    int jumpSessions = jump.sessionsCreated();
    int targetSessions = target.sessionsCreated();
    try (SshHosts hosts = new SshHosts(settings("kh-jump").withProxyJump("jumper@127.0.0.1:" + jump.port()))) {
      assertThat(hosts.run(target.host(null), "echo behind the jump").stdout()).isEqualTo("behind the jump\n");
      assertThat(hosts.run(target.host(null), "true").ok()).isTrue();
    }
    assertThat(jump.sessionsCreated() - jumpSessions).isEqualTo(1);
    assertThat(target.sessionsCreated() - targetSessions).isEqualTo(1);
    // both host keys were checked and recorded under their own names
    assertThat(Files.readString(dir.resolve("kh-jump")))
        .contains("[127.0.0.1]:" + jump.port() + " ").contains("[127.0.0.1]:" + target.port() + " ");
  }

  @Test
  void proxyWithoutUserLogsInAsRootLikeKamal() {
    assertThat(SshClientFactory.Client.jumpWithUser("bastion.example.com")).isEqualTo("root@bastion.example.com");
    assertThat(SshClientFactory.Client.jumpWithUser("ops@bastion:2222")).isEqualTo("ops@bastion:2222");
  }

  @Test
  void proxyCommandCarriesTheConnectionAndTheRealHostKeyIsChecked() throws Exception {
    int targetSessions = target.sessionsCreated();
    try (SshHosts hosts = new SshHosts(settings("kh-proxycmd").withProxyCommand("busybox nc %h %p"))) {
      assertThat(hosts.run(target.host(null), "echo through nc").stdout()).isEqualTo("through nc\n");
      assertThat(hosts.run(target.host(null), "true").ok()).isTrue();
    }
    assertThat(target.sessionsCreated() - targetSessions).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("kh-proxycmd"))).startsWith("[127.0.0.1]:" + target.port() + " ");
  }

  @Test
  void failingProxyCommandIsReportedWithWhatItSaid() {
    try (SshHosts hosts = new SshHosts(settings("kh-proxyfail")
        .withProxyCommand("echo 'bastion unreachable' >&2; exit 1"))) {
      assertThatThrownBy(() -> hosts.run(target.host(null), "true"))
          .isInstanceOf(ConnectionException.class)
          .hasMessage(target.host(null) + ": ssh.proxy_command failed: bastion unreachable");
    }
  }

  @Test
  void hostKeyAlgorithmsFollowOpenSshsPreference() {
    var client = org.apache.sshd.client.SshClient.setUpDefaultClient();
    var names = SshClientFactory.openSshOrder(client.getSignatureFactories()).stream()
        .map(org.apache.sshd.common.NamedResource::getName).toList();
    assertThat(names.get(0)).isEqualTo("ssh-ed25519");
    assertThat(names).noneMatch(n -> n.contains("-cert-"));
    assertThat(names.indexOf("ecdsa-sha2-nistp256")).isLessThan(names.indexOf("rsa-sha2-512"));
    assertThat(names.indexOf("rsa-sha2-512")).isLessThan(names.indexOf("ssh-rsa"));
  }

  @Test
  void proxyCommandPlaceholdersAreExpanded() {
    HostAddress address = new HostAddress("web", "deploy", "10.0.0.5", 2222);
    assertThat(ProxyCommandBridge.expand("ssh -W %h:%p -l %r bastion 100%%", address))
        .isEqualTo("ssh -W 10.0.0.5:2222 -l deploy bastion 100%");
  }

  @Test
  void sshConfigAliasesAreHonoured() throws Exception {
    Path config = dir.resolve("ssh_config");
    Files.writeString(config, "Host web-alias\n  HostName 127.0.0.1\n");
    try (SshHosts hosts = new SshHosts(settings("kh-config").withSshConfig(config))) {
      assertThat(hosts.run("web-alias:" + target.port(), "echo aliased").stdout()).isEqualTo("aliased\n");
    }
  }

  /**
   * Kamal's {@code ssh/config} list: net-ssh reads every file in order, and the first value found for an option
   * wins. The alias is defined only in the second file; the first file's HostName wins over the second's.
   */
  @Test
  void everySshConfigFileOfAListIsReadInOrder() throws Exception {
    Path first = dir.resolve("ssh_config_first");
    Files.writeString(first, "Host unrelated\n  HostName 10.0.0.9\nHost web-both\n  HostName 127.0.0.1\n");
    Path second = dir.resolve("ssh_config_second");
    Files.writeString(second, "Host web-second\n  HostName 127.0.0.1\nHost web-both\n  HostName no-such-host.invalid\n");
    SshSettings settings = settings("kh-config-list").withSshConfigs(List.of(first, dir.resolve("missing"), second));
    try (SshHosts hosts = new SshHosts(settings)) {
      assertThat(hosts.run("web-second:" + target.port(), "echo second").stdout()).isEqualTo("second\n");
      assertThat(hosts.run("web-both:" + target.port(), "echo first").stdout()).isEqualTo("first\n");
    }
  }

  @Test
  void explicitPortAndUserWinOverSshConfigAsInKamal() throws Exception {
    // Kamal always passes ssh.user (root) and ssh.port (22) to net-ssh, which lets them override ssh_config.
    Path config = dir.resolve("ssh_config_port");
    Files.writeString(config, "Host web-port\n  HostName 127.0.0.1\n  Port 1\n  User nobody\n");
    try (SshHosts hosts = new SshHosts(settings("kh-config-port").withSshConfig(config).withPort(target.port()))) {
      assertThat(hosts.run("web-port", "true").ok()).isTrue();
    }
  }

  @Test
  void changedKeyBehindAJumpHostIsRefused() throws Exception {
    Path knownHosts = dir.resolve("kh-jump-changed");
    Files.writeString(knownHosts, "[127.0.0.1]:" + target.port() + " "
        + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(InJvmSshServer.newHostKey().getPublic()) + "\n");
    try (SshHosts hosts = new SshHosts(settings("kh-jump-changed").withProxyJump("127.0.0.1:" + jump.port()))) {
      assertThatThrownBy(() -> hosts.run(target.host(null), "true")).isInstanceOf(HostKeyChangedException.class);
    }
  }
}

package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.ssh.SshSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenSSH client command line that {@code app exec -i} and {@code app logs -f} hand the terminal to. */
class InteractiveSshTest {
  @Test
  void usesTheConfiguredKnownHostsKeysPortAndUser() {
    SshSettings ssh = SshSettings.defaults().withUser("deploy").withPort(2222)
        .withKeys(List.of(Path.of("/k/id_a"), Path.of("/k/id_b")), true)
        .withKnownHostsFile(Path.of("/home/me/.ssh/known_hosts"));
    assertThat(AppInspection.interactiveSshArgv(ssh, "10.0.0.1", "docker exec -it c sh")).containsExactly(
        "ssh", "-t", "-p", "2222", "-i", "/k/id_a", "-i", "/k/id_b", "-o", "IdentitiesOnly=yes",
        "-o", "UserKnownHostsFile=/home/me/.ssh/known_hosts", "-o", "StrictHostKeyChecking=accept-new",
        "deploy@10.0.0.1", "docker exec -it c sh");
  }

  /** ssh takes one {@code -F}: a list of ssh_config files is passed as one file including each, in order. */
  @Test
  void severalSshConfigFilesArePassedAsOneFileIncludingThemInOrder() throws Exception {
    SshSettings ssh = SshSettings.defaults()
        .withSshConfigs(List.of(Path.of("/etc/a config"), Path.of("/home/me/.ssh/b")))
        .withKnownHostsFile(Path.of("/kh"));
    assertThat(AppInspection.includeAll(ssh.sshConfigs()))
        .isEqualTo("Include \"/etc/a config\"\nInclude \"/home/me/.ssh/b\"\n");
    assertThat(AppInspection.interactiveSshArgv(ssh, Path.of("/tmp/inc"), "h", "true")).containsSubsequence(
        "-F", "/tmp/inc", "root@h");

    // and OpenSSH itself reads them so: the first value found wins, an option only in the second still applies
    Path dir = Files.createTempDirectory("ssh-config-list");
    Path a = Files.writeString(dir.resolve("a"), "Host web\n  User alice\n");
    Path b = Files.writeString(dir.resolve("b"), "Host web\n  User bob\n  ConnectTimeout 7\n");
    Path including = Files.writeString(dir.resolve("inc"), AppInspection.includeAll(List.of(a, b)));
    Process resolved = new ProcessBuilder("ssh", "-G", "-F", including.toString(), "web").redirectErrorStream(true)
        .start();
    String settings = new String(resolved.getInputStream().readAllBytes());
    assertThat(resolved.waitFor()).as(settings).isZero();
    assertThat(settings.lines()).contains("user alice", "connecttimeout 7");
  }

  @Test
  void passesProxiesAndTheSshConfigFile() {
    SshSettings ssh = SshSettings.defaults().withProxyJump("root@bastion").withProxyCommand("nc -X 5 %h %p")
        .withSshConfig(Path.of("/etc/sextant/ssh_config")).withKnownHostsFile(Path.of("/kh"));
    assertThat(AppInspection.interactiveSshArgv(ssh, "h", "true")).containsExactly(
        "ssh", "-t", "-p", "22", "-F", "/etc/sextant/ssh_config",
        "-o", "UserKnownHostsFile=/kh", "-o", "StrictHostKeyChecking=accept-new",
        "-J", "root@bastion", "-o", "ProxyCommand=nc -X 5 %h %p", "root@h", "true");
  }
}

package io.sextant.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication through a real {@code ssh-agent} holding the only authorised key. */
class AgentConnectorTest {
  @TempDir static Path dir;
  static InJvmSshServer server;
  static Process agent;
  static Path socket;
  static Path unauthorisedKey;

  @BeforeAll
  static void start() throws Exception {
    Path agentKey = InJvmSshServer.newClientKey(dir, "agent_key");
    unauthorisedKey = InJvmSshServer.newClientKey(dir, "other_key");
    Path authorized = dir.resolve("authorized_keys");
    InJvmSshServer.authorize(authorized, agentKey);
    server = InJvmSshServer.start(authorized);
    socket = dir.resolve("agent.sock");
    agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.exists(socket) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    ProcessBuilder add = new ProcessBuilder("ssh-add", agentKey.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    add.environment().put("SSH_AUTH_SOCK", socket.toString());
    assertThat(add.start().waitFor()).isZero();
  }

  @AfterAll
  static void stop() throws Exception {
    if (agent != null) {
      agent.destroy();
      agent.waitFor(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
  }

  private SshSettings settings(boolean keysOnly) {
    return SshSettings.defaults().withKeys(List.of(unauthorisedKey), keysOnly).withAgentSocket(socket)
        .withKnownHostsFile(dir.resolve("known_hosts")).withConnectTimeout(Duration.ofSeconds(5));
  }

  @Test
  void agentKeyAuthenticates() {
    try (SshHosts hosts = new SshHosts(settings(false))) {
      assertThat(hosts.run(server.host(null), "echo via agent").stdout()).isEqualTo("via agent\n");
    }
  }

  @Test
  void keysOnlyIgnoresTheAgent() {
    try (SshHosts hosts = new SshHosts(settings(true))) {
      assertThatThrownBy(() -> hosts.run(server.host(null), "true"))
          .isInstanceOf(ConnectionException.class).hasMessageContaining("authentication refused");
    }
  }

  @Test
  void missingAgentSocketIsIgnored() {
    try (SshHosts hosts = new SshHosts(settings(false).withAgentSocket(dir.resolve("no-such.sock")))) {
      assertThatThrownBy(() -> hosts.run(server.host(null), "true"))
          .isInstanceOf(ConnectionException.class).hasMessageContaining("authentication refused");
    }
  }
}

package io.sextant.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.ssh.SshSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentWireTest {
  @Test
  void everySettingThatMakesASessionCrossesTheSocketUnchanged() throws Exception {
    SshSettings settings = SshSettings.defaults()
        .withUser("deploy")
        .withPort(2222)
        .withKeys(List.of(Path.of("/k/one"), Path.of("/k/two")), true)
        .withKeyData(List.of("-----BEGIN OPENSSH PRIVATE KEY-----\nx\n"))
        .withProxyJump("root@bastion:22")
        .withProxyCommand("nc %h %p")
        .withSshConfigs(List.of(Path.of("/c/a"), Path.of("/c/b")))
        .withAgentSocket(Path.of("/run/agent.sock"))
        .withConnectTimeout(Duration.ofMillis(7500))
        .withKnownHostsFile(Path.of("/h/known_hosts"))
        .withConcurrency(5, 7);

    assertThat(AgentWire.settings(AgentWire.settings(settings))).isEqualTo(settings);
  }

  @Test
  void emptyOptionalsStayEmpty() throws Exception {
    SshSettings settings = SshSettings.defaults().withAgentSocket(null);

    SshSettings back = AgentWire.settings(AgentWire.settings(settings));

    assertThat(back).isEqualTo(settings);
    assertThat(back.proxyJump()).isEmpty();
    assertThat(back.agentSocket()).isEmpty();
  }

  @Test
  void differentSettingsEncodeDifferently() {
    SshSettings settings = SshSettings.defaults();

    assertThat(AgentWire.settings(settings.withUser("app"))).isNotEqualTo(AgentWire.settings(settings));
    assertThat(AgentWire.settings(settings.withPort(2200))).isNotEqualTo(AgentWire.settings(settings));
    assertThat(AgentWire.settings(settings.withProxyJump("root@j"))).isNotEqualTo(AgentWire.settings(settings));
  }
}

package io.sextant.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostAddressTest {
  private final SshSettings settings = SshSettings.defaults().withUser("app").withPort(2200);

  @Test
  void plainHostTakesUserAndPortFromSettings() {
    assertThat(HostAddress.parse("web1.example.com", settings))
        .isEqualTo(new HostAddress("web1.example.com", "app", "web1.example.com", 2200));
  }

  @Test
  void userAndPortInTheHostStringWin() {
    assertThat(HostAddress.parse("deploy@10.0.0.1:2222", settings))
        .isEqualTo(new HostAddress("deploy@10.0.0.1:2222", "deploy", "10.0.0.1", 2222));
    assertThat(HostAddress.parse("[::1]:2022", settings)).isEqualTo(new HostAddress("[::1]:2022", "app", "::1", 2022));
    assertThat(HostAddress.parse("fe80::1", settings).hostName()).isEqualTo("fe80::1");
  }

  @Test
  void invalidPortIsRejected() {
    assertThatThrownBy(() -> HostAddress.parse("web:http", settings)).hasMessage("invalid port in host 'web:http'");
    assertThatThrownBy(() -> HostAddress.parse("web:70000", settings)).hasMessageContaining("invalid port");
  }
}

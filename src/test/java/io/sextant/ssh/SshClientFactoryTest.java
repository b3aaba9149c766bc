package io.sextant.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.NamedResource;
import org.junit.jupiter.api.Test;

class SshClientFactoryTest {
  @Test
  void theUnprobedClientOffersExactlyWhatMinasProbingDefaultsOffer() {
    SshClient probed = SshClient.setUpDefaultClient();
    SshClient unprobed = SshClientFactory.newClient();
    assertThat(names(unprobed.getCipherFactories())).isEqualTo(names(probed.getCipherFactories()));
    assertThat(names(unprobed.getMacFactories())).isEqualTo(names(probed.getMacFactories()));
    assertThat(names(unprobed.getSignatureFactories()))
        .isEqualTo(names(SshClientFactory.openSshOrder(probed.getSignatureFactories())));
    assertThat(names(unprobed.getKeyExchangeFactories()))
        .isEqualTo(names(SshClientFactory.postQuantumFirst(probed.getKeyExchangeFactories())));
  }

  private static List<String> names(List<? extends NamedResource> factories) {
    return factories.stream().map(NamedResource::getName).toList();
  }
}

package io.sextant.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.ClassLoadLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.NamedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshClientFactoryTest {
  @TempDir Path dir;

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

  /**
   * The warm-up runs the X25519 code the hybrid key exchanges use (MINA's curve, on BouncyCastle), not the JDK's
   * own X25519, which no connection uses: warming that one only costs CPU while the first connection starts.
   */
  @Test
  void theWarmUpRunsTheX25519ImplementationTheKeyExchangeUses() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    List<String> loaded = ClassLoadLog.loadedBy(dir, work, WarmUpMain.class, List.of());
    assertThat(loaded).contains("org.bouncycastle.crypto.generators.X25519KeyPairGenerator")
        .doesNotContain("sun.security.ec.XDHKeyPairGenerator");
  }

  private static List<String> names(List<? extends NamedResource> factories) {
    return factories.stream().map(NamedResource::getName).toList();
  }
}

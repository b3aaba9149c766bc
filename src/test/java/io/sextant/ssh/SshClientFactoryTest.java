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
  private static final String BC_DH_KEY_PAIRS = "org.bouncycastle.crypto.generators.DHBasicKeyPairGenerator";
  private static final String JDK_DH_KEY_PAIRS = "com.sun.crypto.provider.DHKeyPairGenerator";

  @TempDir Path dir;

  /** Without the probes, the client offers exactly what it would offer with them, on this (standard) JVM. */
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
   * The probes run only where they could drop an algorithm. The key-exchange probes generate a Diffie-Hellman key
   * pair, which no hybrid exchange does: a warm-up (it builds the client) on a standard JVM must not; under a
   * limited crypto policy, or in MINA's FIPS mode (the JDK's providers instead of BouncyCastle), it must.
   */
  @Test
  void theClientIsBuiltWithoutProbesExceptWhereTheyCouldDropAnAlgorithm() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    assertThat(ClassLoadLog.loadedBy(dir, work, WarmUpMain.class, List.of()))
        .as("standard JVM").contains("org.apache.sshd.client.SshClient")
        .doesNotContain(BC_DH_KEY_PAIRS, JDK_DH_KEY_PAIRS);

    Path limited = Files.writeString(dir.resolve("limited.security"), "crypto.policy=limited\n");
    assertThat(ClassLoadLog.loadedBy(dir, work, List.of("-Djava.security.properties=" + limited),
        WarmUpMain.class, List.of())).as("limited crypto policy").contains(BC_DH_KEY_PAIRS);

    assertThat(ClassLoadLog.loadedBy(dir, work, List.of("-Dorg.apache.sshd.security.fipsEnabled=true"),
        WarmUpMain.class, List.of())).as("FIPS mode").contains(JDK_DH_KEY_PAIRS);
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

package io.sextant.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsVerifierTest {
  @TempDir Path dir;

  /** A session that only answers "no connect address, no context": the verifier then uses the TCP peer. */
  private static ClientSession bareSession() {
    return (ClientSession) Proxy.newProxyInstance(ClientSession.class.getClassLoader(),
        new Class<?>[] {ClientSession.class}, (proxy, method, args) -> null);
  }

  @Test
  void aKnownHostsFileEditedBetweenTwoChecksIsReadAgain() throws Exception {
    Path file = dir.resolve("known_hosts");
    KnownHostsVerifier verifier = new KnownHostsVerifier(file, List.of());
    KeyPair first = InJvmSshServer.newHostKey();
    KeyPair second = InJvmSshServer.newHostKey();
    InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 2222);

    assertThat(verifier.verifyServerKey(bareSession(), peer, first.getPublic())).as("new host: accepted").isTrue();
    assertThat(verifier.verifyServerKey(bareSession(), peer, first.getPublic())).as("recorded key").isTrue();

    Files.writeString(file, "[127.0.0.1]:2222 " + PublicKeyEntry.toString(second.getPublic()) + "\n");
    assertThat(verifier.verifyServerKey(bareSession(), peer, first.getPublic())).as("key changed on disk").isFalse();
    assertThat(verifier.verifyServerKey(bareSession(), peer, second.getPublic())).isTrue();
  }
}

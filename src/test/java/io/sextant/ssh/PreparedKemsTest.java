package io.sextant.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.common.kex.BuiltinKEM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreparedKemsTest {
  @TempDir Path dir;
  Path clientKey;
  InJvmSshServer server;

  @BeforeEach
  void startServer() throws Exception {
    clientKey = InJvmSshServer.newClientKey(dir, "client");
    server = InJvmSshServer.startFor(dir, clientKey);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  /**
   * A server offering only one hybrid (as OpenSSH 9.0–9.8 offers sntrup761 and not ML-KEM): the first exchange
   * uses the prepared key pair (the session works, so both sides derived the same secret), the next one generates
   * its own, and the other KEM's prepared pair stays for a later exchange.
   */
  @ParameterizedTest
  @CsvSource({"sntrup761x25519-sha512, sntrup761, mlkem768", "mlkem768x25519-sha256, mlkem768, sntrup761"})
  void thePreparedKeyPairServesTheFirstExchangeOfItsKemOnce(String keyExchange, String used, String other) {
    BuiltinKEM usedKem = BuiltinKEM.valueOf(used);
    BuiltinKEM otherKem = BuiltinKEM.valueOf(other);
    server.offerOnlyKeyExchange(keyExchange);
    PreparedKems.prepare();
    assertThat(PreparedKems.isPrepared(usedKem)).isTrue();
    assertThat(PreparedKems.isPrepared(otherKem)).isTrue();

    for (String knownHosts : List.of("kh-first", "kh-second")) {
      try (SshHosts hosts = new SshHosts(InJvmSshServer.clientSettings(clientKey, dir.resolve(knownHosts)))) {
        RemoteResult result = hosts.run(server.host(null), "echo ok");
        assertThat(result.stdout()).isEqualTo("ok\n");
      }
      assertThat(PreparedKems.isPrepared(usedKem)).as("used by the first exchange").isFalse();
    }
    assertThat(server.keyExchanges()).containsExactly(keyExchange, keyExchange);
    assertThat(PreparedKems.isPrepared(otherKem)).as("left for an exchange that uses it").isTrue();
  }
}

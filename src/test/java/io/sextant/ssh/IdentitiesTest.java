package io.sextant.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentitiesTest {
  @TempDir Path dir;

  @Test
  void keyFilesAndInMemoryKeyDataAreLoaded() throws Exception {
    Path file = InJvmSshServer.newClientKey(dir, "file_key");
    Path other = InJvmSshServer.newClientKey(dir, "data_key");
    Identities identities = Identities.load(SshSettings.defaults().withKeys(List.of(file), true)
        .withKeyData(List.of(Files.readString(other))));
    assertThat(identities.keyPairs()).hasSize(2);
    assertThat(identities.problems()).isEmpty();
  }

  @Test
  void unusableKeysAreExplainedNotFatal() throws Exception {
    Path encrypted = dir.resolve("encrypted_key");
    Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "s3cret", "-f",
        encrypted.toString()).redirectErrorStream(true).start();
    assertThat(keygen.waitFor()).isZero();
    Identities identities = Identities.load(SshSettings.defaults()
        .withKeys(List.of(encrypted, dir.resolve("missing_key")), true)
        .withKeyData(List.of("not a key")));
    assertThat(identities.keyPairs()).isEmpty();
    assertThat(identities.problems()).hasSize(3);
    assertThat(identities.problems().get(0)).startsWith("ssh key " + encrypted + " could not be loaded");
    assertThat(identities.problems().get(1)).isEqualTo("ssh key " + dir.resolve("missing_key") + " does not exist");
    assertThat(identities.problems().get(2)).isEqualTo("ssh.key_data entry 1 holds no private key");
  }
}

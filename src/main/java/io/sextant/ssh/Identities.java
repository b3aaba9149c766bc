package io.sextant.ssh;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The private keys Sextant offers: the configured key files (or OpenSSH's default files when none are
 * configured) plus in-memory {@code key_data}. Passphrase-protected files cannot be decrypted without a prompt,
 * so they are skipped with a note (the ssh-agent usually holds them unlocked).
 */
final class Identities {
  static final List<String> DEFAULT_KEY_FILES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

  private final List<KeyPair> keyPairs;
  private final List<String> problems;

  private Identities(List<KeyPair> keyPairs, List<String> problems) {
    this.keyPairs = List.copyOf(keyPairs);
    this.problems = List.copyOf(problems);
  }

  static Identities load(SshSettings settings) {
    List<KeyPair> pairs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<Path> files = settings.keys();
    boolean explicit = !files.isEmpty();
    if (!explicit) {
      Path sshDir = Path.of(System.getProperty("user.home"), ".ssh");
      files = DEFAULT_KEY_FILES.stream().map(sshDir::resolve).filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        problems.add("ssh key " + file + " does not exist");
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        if (!addAll(pairs, SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in,
            FilePasswordProvider.EMPTY))) {
          problems.add("ssh key " + file + " holds no private key");
        }
      } catch (Exception e) {
        problems.add("ssh key " + file + " could not be loaded (" + reason(e) + ")");
      }
    }
    int index = 0;
    for (String data : settings.keyData()) {
      index++;
      try (InputStream in = new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8))) {
        if (!addAll(pairs, SecurityUtils.loadKeyPairIdentities(null,
            NamedResource.ofName("ssh.key_data[" + index + "]"), in, FilePasswordProvider.EMPTY))) {
          problems.add("ssh.key_data entry " + index + " holds no private key");
        }
      } catch (Exception e) {
        problems.add("ssh.key_data entry " + index + " could not be loaded (" + reason(e) + ")");
      }
    }
    return new Identities(pairs, problems);
  }

  List<KeyPair> keyPairs() {
    return keyPairs;
  }

  /** Why some configured keys are not offered (shown when authentication fails). */
  List<String> problems() {
    return problems;
  }

  /** Adds the loaded keys; false when there were none. */
  private static boolean addAll(List<KeyPair> pairs, Iterable<KeyPair> loaded) {
    int before = pairs.size();
    if (loaded != null) {
      loaded.forEach(pairs::add);
    }
    return pairs.size() > before;
  }

  private static String reason(Exception e) {
    String message = e.getMessage();
    if (message != null && message.toLowerCase().contains("password")) {
      return "it is passphrase-protected; add it to the ssh-agent";
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}

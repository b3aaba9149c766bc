package io.sextant.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.JceSignedJars;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.Provider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.kex.AbstractDH;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Oracle's JDK only lets a {@code Cipher}, {@code KeyAgreement}, {@code KeyGenerator}, {@code Mac} or
 * {@code SecretKeyFactory} come from a provider whose class is in a jar signed with a JCE code-signing certificate
 * (every entry), or from the JDK itself. OpenJDK does not check, so this test does what that check does: for every
 * cipher, MAC and key exchange the client negotiates, the instance MINA gets (through the same lookups MINA makes)
 * must have a provider class, and an implementation class, from the JDK or from such a jar.
 */
class RestrictedCryptoTest {
  private static final Map<URL, String> VERIFIED_JARS = new HashMap<>();
  private static SshClient client;

  @BeforeAll
  static void installProviders() {
    SecurityProviders.install();
    client = SshClientFactory.newClient();
  }

  @Test
  void everyNegotiableCipherComesFromTheJdkOrASignedProvider() throws Exception {
    List<String> checked = new ArrayList<>();
    for (NamedFactory<Cipher> factory : client.getCipherFactories()) {
      BuiltinCiphers cipher = BuiltinCiphers.fromFactoryName(factory.getName());
      assertThat(cipher).as(factory.getName()).isNotNull();
      if (factory.create() instanceof org.apache.sshd.common.cipher.ChaCha20Cipher) {
        continue; // MINA's own Java code (ChaCha20 and Poly1305), no JCA service involved
      }
      javax.crypto.Cipher instance = SecurityUtils.getCipher(cipher.getTransformation());
      assertTrusted(factory.getName(), instance.getProvider(), "Cipher", instance.getAlgorithm());
      checked.add(factory.getName());
    }
    assertThat(checked).contains("aes128-ctr", "aes256-gcm@openssh.com");
  }

  @Test
  void everyNegotiableMacComesFromTheJdkOrASignedProvider() throws Exception {
    List<String> checked = new ArrayList<>();
    for (NamedFactory<Mac> factory : client.getMacFactories()) {
      BuiltinMacs mac = BuiltinMacs.fromFactoryName(factory.getName());
      assertThat(mac).as(factory.getName()).isNotNull();
      javax.crypto.Mac instance = SecurityUtils.getMac(mac.getAlgorithm());
      assertTrusted(factory.getName(), instance.getProvider(), "Mac", instance.getAlgorithm());
      checked.add(factory.getName());
    }
    assertThat(checked).contains("hmac-sha2-256-etm@openssh.com", "hmac-sha1");
  }

  /**
   * Each key exchange's key agreement (the hybrids' classical half included; their post-quantum half is
   * BouncyCastle's lightweight API, no JCA service) comes from a trusted provider, and the classical exchanges
   * complete between two parties with the key pairs MINA generates, so the JDK's agreement takes those keys.
   */
  @Test
  void everyNegotiableKeyExchangeAgreesThroughTheJdkOrASignedProvider() throws Exception {
    for (KeyExchangeFactory factory : client.getKeyExchangeFactories()) {
      String name = factory.getName();
      String algorithm = keyAgreementOf(name);
      javax.crypto.KeyAgreement instance = SecurityUtils.getKeyAgreement(algorithm);
      assertTrusted(name, instance.getProvider(), "KeyAgreement", algorithm);

      BuiltinDHFactories dh = BuiltinDHFactories.fromFactoryName(name);
      AbstractDH ours = dh == null || dh.isGroupExchange() ? null : dh.create();
      if (ours != null && ours.getKeyEncapsulation() == null) {
        AbstractDH theirs = dh.create();
        byte[] ourPublic = ours.getE();
        ours.setF(theirs.getE());
        theirs.setF(ourPublic);
        assertThat(ours.getK()).as(name).isEqualTo(theirs.getK());
      }
    }
  }

  /** The JCA algorithm of a key exchange's (classical part's) key agreement; a new kind fails here first. */
  private static String keyAgreementOf(String kex) {
    if (kex.startsWith("curve25519") || kex.contains("x25519")) {
      return "X25519";
    }
    if (kex.startsWith("curve448")) {
      return "X448";
    }
    if (kex.startsWith("ecdh-sha2-") || kex.startsWith("mlkem768nistp256") || kex.startsWith("mlkem1024nistp384")) {
      return "ECDH";
    }
    if (kex.startsWith("diffie-hellman-")) {
      return "DH";
    }
    throw new AssertionError("no key agreement known for the negotiable key exchange " + kex);
  }

  private static void assertTrusted(String negotiated, Provider provider, String type, String algorithm)
      throws Exception {
    assertThat(trust(provider.getClass())).as(negotiated + ": provider " + provider.getName()).isNotNull();
    Provider.Service service = provider.getService(type, algorithm);
    if (service == null && algorithm.contains("/")) { // a transformation: providers list the cipher's own name
      service = provider.getService(type, algorithm.substring(0, algorithm.indexOf('/')));
    }
    assertThat(service).as(negotiated + ": " + type + "." + algorithm + " of " + provider.getName()).isNotNull();
    Class<?> implementation = service.newInstance(null).getClass(); // the class getInstance instantiates
    assertThat(trust(implementation)).as(negotiated + ": implementation " + implementation.getName()).isNotNull();
  }

  /** "jdk" for a class of the JDK's own modules, "jar" for one from a JCE-signed jar, null otherwise. */
  static String trust(Class<?> type) throws IOException, URISyntaxException {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null || "jrt".equals(source.getLocation().getProtocol())) {
      return type.getModule().isNamed() && type.getModule().getName().startsWith("j") ? "jdk" : null;
    }
    synchronized (VERIFIED_JARS) {
      if (!VERIFIED_JARS.containsKey(source.getLocation())) {
        VERIFIED_JARS.put(source.getLocation(),
            JceSignedJars.isJceSigned(Path.of(source.getLocation().toURI())) ? "jar" : null);
      }
      return VERIFIED_JARS.get(source.getLocation());
    }
  }
}

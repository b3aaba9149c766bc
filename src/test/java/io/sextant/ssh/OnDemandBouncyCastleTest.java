package io.sextant.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.cli.CdsTraining;
import io.sextant.testing.ClassLoadLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.util.List;
import java.util.Map;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnDemandBouncyCastleTest {
  @TempDir Path dir;

  @Test
  void servesEachCommonAlgorithmWithTheClassBouncyCastlesOwnProviderMapsItTo() {
    Provider full = new BouncyCastleProvider();
    for (Map.Entry<String, String> entry : OnDemandBouncyCastle.COMMON.entrySet()) {
      String[] typeAndName = entry.getKey().split("\\.", 2);
      Provider.Service service = full.getService(typeAndName[0], typeAndName[1]);
      assertThat(service).as(entry.getKey()).isNotNull();
      assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(service.getClassName());
    }
  }

  @Test
  void commonAlgorithmsWorkWithoutBuildingTheFullProviderAndOthersBuildIt() throws Exception {
    OnDemandBouncyCastle provider = new OnDemandBouncyCastle();
    var ed25519 = KeyPairGenerator.getInstance("Ed25519", provider).generateKeyPair();
    Signature signer = Signature.getInstance("EdDSA", provider);
    signer.initSign(ed25519.getPrivate());
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("Ed25519", provider);
    verifier.initVerify(KeyFactory.getInstance("Ed25519", provider)
        .generatePublic(new java.security.spec.X509EncodedKeySpec(ed25519.getPublic().getEncoded())));
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signature)).isTrue();
    var x25519 = KeyPairGenerator.getInstance("X25519", provider);
    var ours = x25519.generateKeyPair();
    var theirs = x25519.generateKeyPair();
    KeyAgreement agreement = KeyAgreement.getInstance("X25519"); // the JDK's, as SSH uses it (SecurityProviders)
    agreement.init(ours.getPrivate());
    agreement.doPhase(theirs.getPublic(), true);
    assertThat(agreement.generateSecret()).hasSize(32);
    assertThat(MessageDigest.getInstance("SHA-256", provider).digest(new byte[0])).hasSize(32);
    assertThat(provider.fullBuilt()).as("full provider built for common algorithms").isFalse();

    assertThat(MessageDigest.getInstance("SHA3-256", provider).digest(new byte[0])).hasSize(32);
    assertThat(provider.fullBuilt()).as("full provider built for an uncommon algorithm").isTrue();
  }

  /**
   * Restricted types (Oracle's JDK checks their provider's signature) are never this class's own services: each is
   * the service of BouncyCastle's own provider, whose class comes from the signed jar.
   */
  @Test
  void restrictedTypesAreServedByBouncyCastlesOwnProvider() throws Exception {
    OnDemandBouncyCastle provider = new OnDemandBouncyCastle();
    Map<String, String> samples = Map.of("Cipher", "AES", "KeyAgreement", "X25519", "KeyGenerator", "AES",
        "Mac", "HmacSHA256", "SecretKeyFactory", "PBKDF2WithHmacSHA256");
    assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(SecurityProviders.RESTRICTED_TYPES);
    for (Map.Entry<String, String> sample : samples.entrySet()) {
      Provider.Service service = provider.getService(sample.getKey(), sample.getValue());
      assertThat(service).as(sample.getKey()).isNotNull();
      assertThat(service.getProvider()).as(sample.getKey()).isExactlyInstanceOf(BouncyCastleProvider.class);
    }
    assertThat(Mac.getInstance("HmacSHA256", provider).getProvider()).isExactlyInstanceOf(BouncyCastleProvider.class);
  }

  /**
   * A whole SSH session (the CDS training: connection with ML-KEM and with sntrup761, Ed25519 user key, ECDSA host
   * key, exec and upload) in a fresh JVM never builds BouncyCastle's full provider: its set-up loads one
   * {@code Mappings} class per algorithm family, and the class-load log must show none.
   */
  @Test
  void aWholeSshSessionNeverBuildsTheFullProvider() throws Exception {
    Path work = Files.createDirectories(dir.resolve("scratch"));
    List<String> loaded = ClassLoadLog.loadedBy(dir, work, CdsTraining.class, List.of());
    assertThat(loaded).as("the session ran").contains("org.apache.sshd.client.channel.ChannelExec",
        "org.bouncycastle.jcajce.provider.asymmetric.edec.SignatureSpi$EdDSA");
    assertThat(loaded).filteredOn(name -> name.startsWith("org.bouncycastle.") && name.endsWith("$Mappings"))
        .isEmpty();
  }
}

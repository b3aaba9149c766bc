package io.sextant.ssh;

import java.lang.reflect.Field;
import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.jcajce.util.BCJcaJceHelper;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA provider named "BC" that MINA uses, built on demand. Constructing BouncyCastle's provider maps its ~1,900
 * algorithms (90–150 ms on this kind of machine, on every run, before the first SSH packet can be sent), yet an SSH
 * connection needs a few dozen of them. This provider answers those from the very SPI classes BouncyCastle's own
 * provider maps them to ({@code OnDemandBouncyCastleTest} checks the names against it), so the cryptography is
 * identical; any other algorithm is looked up in the full provider, built the first time one is asked for.
 *
 * <p>Only unrestricted types (digests, signatures, key factories, key-pair generators, parameters) are served this
 * way. A {@code Cipher}, {@code KeyAgreement}, {@code KeyGenerator}, {@code Mac} or {@code SecretKeyFactory} is
 * always BouncyCastle's own provider's service (its provider class comes from the signed jar), so a lookup by the
 * name "BC" passes Oracle's JDK's check; a lookup that hands this object to the JCA would not (the JCA checks the
 * provider it is given), which is one reason MINA does not ask "BC" for those types at all
 * ({@link SecurityProviders}).
 */
public final class OnDemandBouncyCastle extends Provider {
  private static final long serialVersionUID = 1L;
  static final String NAME = "BC";
  private static final String ASYMMETRIC = "org.bouncycastle.jcajce.provider.asymmetric.";
  private static final String EDEC = ASYMMETRIC + "edec.";
  private static final String EC = ASYMMETRIC + "ec.";
  private static final String RSA = ASYMMETRIC + "rsa.";
  private static final String DH = ASYMMETRIC + "dh.";
  private static final String DIGEST = "org.bouncycastle.jcajce.provider.digest.";

  /**
   * "Type.ALGORITHM" (algorithm in upper case, as MINA names it) to the SPI class BouncyCastle's provider maps it
   * to: what MINA's client and server set-up probe (digests, the key types it lists) and what connections use
   * (key exchanges' key pairs, host and user key types). Unrestricted types only (see the class comment).
   */
  static final Map<String, String> COMMON = Map.ofEntries(
      Map.entry("MessageDigest.MD5", DIGEST + "MD5$Digest"),
      Map.entry("MessageDigest.SHA-1", DIGEST + "SHA1$Digest"),
      Map.entry("MessageDigest.SHA-224", DIGEST + "SHA224$Digest"),
      Map.entry("MessageDigest.SHA-256", DIGEST + "SHA256$Digest"),
      Map.entry("MessageDigest.SHA-384", DIGEST + "SHA384$Digest"),
      Map.entry("MessageDigest.SHA-512", DIGEST + "SHA512$Digest"),
      Map.entry("Signature.EDDSA", EDEC + "SignatureSpi$EdDSA"),
      Map.entry("Signature.ED25519", EDEC + "SignatureSpi$Ed25519"),
      Map.entry("KeyFactory.EDDSA", EDEC + "KeyFactorySpi$EdDSA"),
      Map.entry("KeyFactory.ED25519", EDEC + "KeyFactorySpi$Ed25519"),
      Map.entry("KeyPairGenerator.EDDSA", EDEC + "KeyPairGeneratorSpi$EdDSA"),
      Map.entry("KeyPairGenerator.ED25519", EDEC + "KeyPairGeneratorSpi$Ed25519"),
      Map.entry("KeyFactory.X25519", EDEC + "KeyFactorySpi$X25519"),
      Map.entry("KeyPairGenerator.X25519", EDEC + "KeyPairGeneratorSpi$X25519"),
      Map.entry("KeyFactory.X448", EDEC + "KeyFactorySpi$X448"),
      Map.entry("KeyPairGenerator.X448", EDEC + "KeyPairGeneratorSpi$X448"),
      Map.entry("AlgorithmParameters.EC", EC + "AlgorithmParametersSpi"),
      Map.entry("KeyFactory.EC", EC + "KeyFactorySpi$EC"),
      Map.entry("KeyPairGenerator.EC", EC + "KeyPairGeneratorSpi$EC"),
      Map.entry("Signature.SHA256WITHECDSA", EC + "SignatureSpi$ecDSA256"),
      Map.entry("Signature.SHA384WITHECDSA", EC + "SignatureSpi$ecDSA384"),
      Map.entry("Signature.SHA512WITHECDSA", EC + "SignatureSpi$ecDSA512"),
      Map.entry("KeyFactory.RSA", RSA + "KeyFactorySpi"),
      Map.entry("KeyPairGenerator.RSA", RSA + "KeyPairGeneratorSpi"),
      Map.entry("Signature.SHA1WITHRSA", RSA + "DigestSignatureSpi$SHA1"),
      Map.entry("Signature.SHA256WITHRSA", RSA + "DigestSignatureSpi$SHA256"),
      Map.entry("Signature.SHA512WITHRSA", RSA + "DigestSignatureSpi$SHA512"),
      Map.entry("KeyFactory.DH", DH + "KeyFactorySpi"),
      Map.entry("KeyPairGenerator.DH", DH + "KeyPairGeneratorSpi"));

  private final transient Map<String, Service> common = new ConcurrentHashMap<>();
  private transient volatile Provider full;

  OnDemandBouncyCastle() {
    super(NAME, "1.0", "BouncyCastle: the algorithms SSH uses served at once, the full provider built on demand");
  }

  /**
   * Registers the on-demand provider as "BC" unless a "BC" provider is already registered. Called by
   * {@link SecurityProviders#install()} before MINA's security set-up, which then finds it instead of constructing
   * BouncyCastle's.
   */
  static synchronized void register() {
    if (Security.getProvider(NAME) != null) {
      return;
    }
    OnDemandBouncyCastle provider = new OnDemandBouncyCastle();
    Security.addProvider(provider);
    useForBouncyCastleHelpers(provider);
  }

  /**
   * Some of BouncyCastle's own SPIs (Ed25519's signature among them) look their provider up through
   * {@code BCJcaJceHelper}, which builds a private full provider unless "BC" is an instance of BouncyCastle's class.
   * Its cached instance is a private static field: setting it to this provider sends those lookups here too. If a
   * BouncyCastle release renames the field, nothing breaks: the helper builds its full provider as before, only
   * later ({@code OnDemandBouncyCastleTest} notices).
   */
  private static void useForBouncyCastleHelpers(Provider provider) {
    try {
      Field cached = BCJcaJceHelper.class.getDeclaredField("bcProvider");
      cached.setAccessible(true);
      if (cached.get(null) == null) {
        cached.set(null, provider);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // the helper keeps building its own full provider: slower, same result
    }
  }

  @Override
  public Service getService(String type, String algorithm) {
    if (SecurityProviders.RESTRICTED_TYPES.contains(type)) {
      return full().getService(type, algorithm);
    }
    String key = type + "." + algorithm.toUpperCase(Locale.ROOT);
    String spi = COMMON.get(key);
    if (spi != null) {
      return common.computeIfAbsent(key, k -> new Service(this, type, algorithm, spi, null, null));
    }
    return full().getService(type, algorithm);
  }

  @Override
  public Set<Service> getServices() {
    return full().getServices();
  }

  /** Whether the full provider had to be built (for tests). */
  boolean fullBuilt() {
    return full != null;
  }

  private Provider full() {
    Provider built = full;
    if (built == null) {
      synchronized (this) {
        built = full;
        if (built == null) {
          built = new BouncyCastleProvider();
          full = built;
        }
      }
    }
    return built;
  }
}

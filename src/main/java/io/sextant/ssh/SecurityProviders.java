package io.sextant.ssh;

import java.util.Set;
import org.apache.sshd.common.util.security.SecurityProviderChoice;
import org.apache.sshd.common.util.security.SecurityProviderRegistrar;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The security providers SSH uses, set up once per JVM before MINA's first lookup: BouncyCastle as "BC" for the
 * unrestricted types ({@link OnDemandBouncyCastle}), the JDK's own providers for the restricted ones.
 *
 * <p>Oracle's JDK (and other builds that keep the JCE check) only hands out {@code Cipher}, {@code KeyAgreement},
 * {@code KeyGenerator}, {@code Mac} and {@code SecretKeyFactory} implementations whose provider class comes from a
 * jar signed with a JCE code-signing certificate, or from the JDK. MINA asks "BC" by name for every type, and "BC"
 * is our on-demand provider, whose class lives in sextant.jar: so MINA's BouncyCastle registrar is told to leave
 * the restricted types alone, and its fallback for what no registrar takes is the JCA's own search (the JDK's
 * providers come first; SunJCE and SunEC have every cipher, MAC and key agreement the client negotiates, which
 * {@code RestrictedCryptoTest} checks).
 */
public final class SecurityProviders {
  /** The service types Oracle's JDK only loads from a signed provider (as JCA and MINA name them). */
  static final Set<String> RESTRICTED_TYPES =
      Set.of("Cipher", "KeyAgreement", "KeyGenerator", "Mac", "SecretKeyFactory");
  private static boolean installed;

  private SecurityProviders() {}

  /** Idempotent and thread-safe; call before anything SSH (client, server, key parsing). */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    OnDemandBouncyCastle.register();
    SecurityUtils.isBouncyCastleRegistered(); // MINA's registrars, once, before its first lookup
    SecurityProviderRegistrar bouncyCastle = SecurityUtils.getRegisteredProvider(SecurityUtils.BOUNCY_CASTLE);
    if (bouncyCastle != null) {
      for (String type : RESTRICTED_TYPES) {
        bouncyCastle.getProperties().put(
            bouncyCastle.getConfigurationPropertyName(type), SecurityProviderRegistrar.NO_OPTIONS_VALUE);
      }
      // MINA makes "BC" the fallback for what no registrar supports: the JCA's own provider search instead.
      if (SecurityUtils.BOUNCY_CASTLE.equals(SecurityUtils.getDefaultProviderChoice().getName())) {
        SecurityUtils.setDefaultProviderChoice(SecurityProviderChoice.EMPTY);
      }
    }
    installed = true;
  }
}

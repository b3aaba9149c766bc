package io.sextant.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** Whether a jar carries the signature Oracle's JDK demands of a JCE provider's jar. */
public final class JceSignedJars {
  private JceSignedJars() {}

  /**
   * What the JDK's provider check asks of a jar: every entry outside META-INF carries a verified signature whose
   * certificate chain goes to the JCE code-signing CA (checked by issuer name; the chain's cryptography is what
   * {@code jarsigner -verify} checks in {@code DistributionIT}).
   */
  public static boolean isJceSigned(Path jar) throws IOException {
    if (!jar.toString().endsWith(".jar")) {
      return false; // a directory of classes: unsigned
    }
    try (JarFile file = new JarFile(jar.toFile(), true)) {
      byte[] buffer = new byte[8192];
      Enumeration<JarEntry> entries = file.entries();
      int signed = 0;
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (entry.isDirectory() || entry.getName().startsWith("META-INF/")) {
          continue;
        }
        try (InputStream in = file.getInputStream(entry)) {
          while (in.read(buffer) != -1) {
            // reading to the end is what verifies the entry's digest
          }
        }
        Certificate[] chain = entry.getCertificates();
        if (chain == null || !issuedByJceCodeSigningCa(chain)) {
          return false;
        }
        signed++;
      }
      return signed > 0;
    }
  }

  private static boolean issuedByJceCodeSigningCa(Certificate[] chain) {
    for (Certificate certificate : chain) {
      if (certificate instanceof X509Certificate x509
          && x509.getIssuerX500Principal().getName().contains("CN=JCE Code Signing CA")) {
        return true;
      }
    }
    return false;
  }
}

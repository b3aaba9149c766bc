package kamalproxy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * The files a deploy names, checked when the service is installed as kamal-proxy's service initialisation does:
 * a custom TLS certificate and key must load, automatic TLS refuses wildcard hosts, an error-pages directory must
 * hold {@code *.html} templates. The messages are upstream's.
 */
final class ServiceFiles {
  private ServiceFiles() {
  }

  /** Checks the files {@code options} names; returns its custom certificate when it has one, else null. */
  static Certificates.Pair check(DeployOptions options) throws ProxyException {
    Certificates.Pair certificate = null;
    if (options.tls()) {
      if (!options.tlsCertificatePath().isEmpty() && !options.tlsPrivateKeyPath().isEmpty()) {
        certificate = loadCertificate(options);
      } else if (options.hosts().stream().anyMatch(host -> host.contains("*"))) {
        throw new ProxyException("automatic TLS does not support wildcards");
      }
    }
    if (!options.errorPages().isEmpty() && !hasTemplates(Path.of(options.errorPages()))) {
      Log.error("Unable to parse custom error pages", "service", options.service(), "path", options.errorPages());
      throw new ProxyException("unable to load error pages");
    }
    return certificate;
  }

  private static Certificates.Pair loadCertificate(DeployOptions options) throws ProxyException {
    try {
      return Certificates.load(options.tlsCertificatePath(), options.tlsPrivateKeyPath());
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      Log.error("Error loading TLS certificate", "error", String.valueOf(e));
      throw new ProxyException("unable to load certificate");
    }
  }

  private static boolean hasTemplates(Path directory) {
    try (DirectoryStream<Path> pages = Files.newDirectoryStream(directory, "*.html")) {
      return pages.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }
}

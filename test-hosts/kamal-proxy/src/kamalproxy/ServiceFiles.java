package kamalproxy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a deploy names, checked when the service is installed as kamal-proxy's service initialisation does:
 * a custom TLS certificate and key must load, automatic TLS refuses wildcard hosts, an error-pages directory must
 * hold {@code *.html} templates. The messages are upstream's.
 */
final class ServiceFiles {
  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");

  private ServiceFiles() {
  }

  static void check(DeployOptions options) throws ProxyException {
    if (options.tls()) {
      if (!options.tlsCertificatePath().isEmpty() && !options.tlsPrivateKeyPath().isEmpty()) {
        checkCertificate(options.tlsCertificatePath(), options.tlsPrivateKeyPath());
      } else if (options.hosts().stream().anyMatch(host -> host.contains("*"))) {
        throw new ProxyException("automatic TLS does not support wildcards");
      }
    }
    if (!options.errorPages().isEmpty() && !hasTemplates(Path.of(options.errorPages()))) {
      Log.error("Unable to parse custom error pages", "service", options.service(), "path", options.errorPages());
      throw new ProxyException("unable to load error pages");
    }
  }

  /** A readable PEM certificate (parsed as X.509) and a readable PEM private key block. */
  private static void checkCertificate(String certificatePath, String keyPath) throws ProxyException {
    try {
      byte[] certificate = Files.readAllBytes(Path.of(certificatePath));
      CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificate));
      Matcher key = PRIVATE_KEY.matcher(Files.readString(Path.of(keyPath)));
      if (!key.find()) {
        throw new IOException("no PEM private key in " + keyPath);
      }
      Base64.getMimeDecoder().decode(key.group(2));
    } catch (IOException | CertificateException | IllegalArgumentException e) {
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

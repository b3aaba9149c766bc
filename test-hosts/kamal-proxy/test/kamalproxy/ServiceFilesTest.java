package kamalproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a deploy names are checked as kamal-proxy's service initialisation does, with its messages. */
class ServiceFilesTest {
  /** A throw-away self-signed certificate (public data only). */
  private static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----\n"
      + "MIIBjDCCATGgAwIBAgIUWsaiL2hEBuTpeFbcg7r12WgXbvEwCgYIKoZIzj0EAwIw\n"
      + "GjEYMBYGA1UEAwwPYXBwLmV4YW1wbGUuY29tMCAXDTI2MTIwNjIzMjExMVoYDzIx\n"
      + "MjYxMTEyMjMyMTExWjAaMRgwFgYDVQQDDA9hcHAuZXhhbXBsZS5jb20wWTATBgcq\n"
      + "hkjOPQIBBggqhkjOPQMBBwNCAASgyQcUU7CBuGB+UkVjzilex+47B64tERAcHaOz\n"
      + "C441TJQi6gyOpOF/IXGPMNZ2l19dEleGdONg5bJCj2+naDPzo1MwUTAdBgNVHQ4E\n"
      + "FgQUQ/+FEA0C/23LsJcFKvnu7X58SdwwHwYDVR0jBBgwFoAUQ/+FEA0C/23LsJcF\n"
      + "Kvnu7X58SdwwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEAlZVB\n"
      + "yESKQE45Grk7p/f9B22lIp0hFbAXdIADD3kW3SICIQDvcFI5k7Nh/+PSmpC+YBAT\n"
      + "pOUbZA3dwbMXvufHVkr3aQ==\n"
      + "-----END CERTIFICATE-----\n";

  /** A fresh PKCS#8 EC key in PEM (of the certificate's algorithm; made per run, so no key is kept in the tree). */
  private static String ecKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  @TempDir
  Path dir;

  private static DeployOptions deploy(String... flags) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of("deploy", "app-web", "--target=a:80"));
    argv.addAll(List.of(flags));
    return DeployOptions.from(Cli.parse(argv));
  }

  @Test
  void customCertificateMustLoad() throws Exception {
    Files.writeString(dir.resolve("cert.pem"), CERTIFICATE);
    Files.writeString(dir.resolve("key.pem"), ecKey());
    Files.writeString(dir.resolve("garbage.pem"), "not a certificate");
    String cert = "--tls-certificate-path=" + dir.resolve("cert.pem");
    String key = "--tls-private-key-path=" + dir.resolve("key.pem");

    assertThat(ServiceFiles.check(deploy("--host=a.com", "--tls", cert, key)).chain()[0].getSubjectX500Principal()
        .getName()).isEqualTo("CN=app.example.com");
    assertThatThrownBy(() -> ServiceFiles.check(deploy("--host=a.com", "--tls", cert,
        "--tls-private-key-path=" + dir.resolve("cert.pem")))).hasMessage("unable to load certificate");
    assertThatThrownBy(() -> ServiceFiles.check(deploy("--host=a.com", "--tls",
        "--tls-certificate-path=" + dir.resolve("garbage.pem"), key))).hasMessage("unable to load certificate");
    assertThatThrownBy(() -> ServiceFiles.check(deploy("--host=a.com", "--tls", cert,
        "--tls-private-key-path=" + dir.resolve("missing.pem")))).hasMessage("unable to load certificate");
  }

  @Test
  void automaticTlsRefusesWildcards() {
    assertThatThrownBy(() -> ServiceFiles.check(deploy("--host=*.a.com", "--tls")))
        .hasMessage("automatic TLS does not support wildcards");
  }

  @Test
  void errorPagesDirectoryMustHoldTemplates() throws Exception {
    assertThatThrownBy(() -> ServiceFiles.check(deploy("--error-pages=" + dir)))
        .hasMessage("unable to load error pages");
    Files.writeString(dir.resolve("503.html"), "<p>{{ .Message }}</p>");
    assertThatCode(() -> ServiceFiles.check(deploy("--error-pages=" + dir))).doesNotThrowAnyException();
  }
}

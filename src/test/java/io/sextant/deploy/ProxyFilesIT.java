package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.TestHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The files a deploy puts in kamal-proxy's apps config volume, on a real test host through the launcher: the
 * custom TLS certificate and key from the secrets ({@code proxy.ssl.certificate_pem/private_key_pem}, Kamal 2.12
 * {@code cli/app/ssl_certificates.rb}: mode 0644 since Kamal's commit 9219b876) served by the proxy on port 443,
 * and the {@code error_pages_path} pages ({@code cli/app/error_pages.rb}: one directory per version) served by the
 * proxy for an error status. The certificate is self-signed, made here with openssl. In order: deploy, then
 * maintenance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyFilesIT {
  private static final String HOST_NAME = "app.example.com";

  private static DeployProject project;
  private static TestHost host;
  private static Path certificate;
  private static String keyBody;
  private static String version;

  @BeforeAll
  static void setUp() throws Exception {
    project = new DeployProject("pxf" + Long.toHexString(System.nanoTime() & 0xffffff));
    project.set.ensureKamalProxyImage();
    host = project.hosts.get(0);
    Path tls = Files.createTempDirectory("sextant-tls-");
    certificate = tls.resolve("cert.pem");
    Path key = tls.resolve("key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", "/CN=" + HOST_NAME, "-addext", "subjectAltName=DNS:" + HOST_NAME,
        "-keyout", key.toString(), "-out", certificate.toString()).redirectErrorStream(true).start();
    String opensslOutput = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).as(opensslOutput).isZero();
    String keyPem = Files.readString(key).strip();
    keyBody = keyPem.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();
    Files.writeString(project.dir.resolve(".kamal/secrets"), "KAMAL_REGISTRY_PASSWORD=" + project.password()
        + "\nCERT_PEM=\"" + Files.readString(certificate).strip() + "\"\nKEY_PEM=\"" + keyPem + "\"\n");
    Files.createDirectories(project.dir.resolve("pages"));
    Files.writeString(project.dir.resolve("pages/503.html"), "<p>Custom 503: {{ .Message }}</p>\n");
    Files.writeString(project.dir.resolve("pages/502.html"), "<p>Custom 502</p>\n");
    Files.writeString(project.dir.resolve("pages/notes.txt"), "not an error page\n");
    for (String page : List.of("502.html", "503.html")) {
      Files.setPosixFilePermissions(project.dir.resolve("pages/" + page), PosixFilePermissions.fromString("rw-r--r--"));
    }
    Files.writeString(project.dir.resolve("config/deploy.yml"), """
        service: %s
        image: sextant/%s
        builder:
          arch: amd64
          driver: docker
        servers:
          web:
            - %s
        proxy:
          host: %s
          app_port: 80
          ssl:
            certificate_pem: CERT_PEM
            private_key_pem: KEY_PEM
        error_pages_path: pages
        registry:
          server: %s
          username: %s
          password:
            - KAMAL_REGISTRY_PASSWORD
        ssh:
          keys:
            - %s
          keys_only: true
        deploy_timeout: 10
        """.formatted(project.service, project.service, host.ip(), HOST_NAME, project.set.registry().address(),
        project.set.registry().username(), project.set.privateKey()));
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (project != null) {
      project.set.ssh(host, "docker exec kamal-proxy kamal-proxy remove " + project.service + "-web || true");
      project.close();
    }
  }

  /** {@code curl} over HTTPS to the host's port 443 with SNI {@value #HOST_NAME}, trusting only our certificate. */
  private static List<String> https(String path) throws IOException, InterruptedException {
    Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "20", "--cacert", certificate.toString(),
        "--resolve", HOST_NAME + ":443:" + host.ip(), "-w", "\n%{http_code}",
        "https://" + HOST_NAME + path).redirectErrorStream(true).start();
    String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(curl.exitValue()).as("curl: %s", output).isZero();
    int split = output.lastIndexOf('\n');
    return List.of(output.substring(split + 1).strip(), output.substring(0, split));
  }

  private static void assertNoSecretIn(DeployProject.Run run) throws IOException {
    assertThat(run.output()).doesNotContain(keyBody, project.password());
    assertThat(Files.readString(certificate).lines().filter(line -> !line.startsWith("-----")).findFirst()
        .orElseThrow()).isNotBlank().satisfies(line -> assertThat(run.output()).doesNotContain(line));
  }

  @Test
  @Order(1)
  void theCustomCertificateIsUploadedAndServedOnPort443() throws Exception {
    version = project.commitApp("v1", "");

    DeployProject.Run run = project.sextant("deploy");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertNoSecretIn(run);
    assertThat(https("/")).containsExactly("200", "v1\n");
    String tls = ".kamal/proxy/apps-config/" + project.service + "/tls/web";
    assertThat(project.set.ssh(host, "stat -c '%a %n' " + tls + "/cert.pem " + tls + "/key.pem").requireOk()
        .stdout()).contains("644 " + tls + "/cert.pem", "644 " + tls + "/key.pem");
    assertThat(project.set.ssh(host, "cat " + tls + "/cert.pem").requireOk().stdout().strip())
        .isEqualTo(Files.readString(certificate).strip());
    HttpLoad.Answer plain = HttpLoad.get(host.ip(), HOST_NAME);
    assertThat(plain.status()).as("plain HTTP is redirected to HTTPS").isEqualTo(301);
  }

  @Test
  @Order(2)
  void theErrorPagesOfThisVersionAreUploadedAndServedForAnErrorStatus() throws Exception {
    String pages = ".kamal/proxy/apps-config/" + project.service + "/error_pages/" + version;
    assertThat(project.set.ssh(host, "ls " + pages).requireOk().stdout().lines().toList())
        .containsExactlyInAnyOrder("502.html", "503.html");
    assertThat(project.set.ssh(host, "stat -c %a " + pages + "/503.html").requireOk().stdout().strip())
        .as("the local file's mode, as Kamal's scp upload leaves it").isEqualTo("644");

    DeployProject.Run maintenance = project.sextant("app", "maintenance", "--message", "Back at noon");

    assertThat(maintenance.exitCode()).as(maintenance.toString()).isZero();
    assertNoSecretIn(maintenance);
    assertThat(https("/")).containsExactly("503", "<p>Custom 503: Back at noon</p>\n");

    DeployProject.Run live = project.sextant("app", "live");

    assertThat(live.exitCode()).as(live.toString()).isZero();
    assertThat(https("/")).containsExactly("200", "v1\n");
  }
}

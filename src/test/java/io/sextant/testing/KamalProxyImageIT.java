package io.sextant.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test hosts' basecamp/kamal-proxy:v0.9.2, run and driven exactly as Kamal 2.12 does, really proxies: targets
 * switch under load with no failed request, deploys wait for health, maintenance answers 503 with the message.
 */
class KamalProxyImageIT {
  /** Kamal v2.12.0 lib/kamal/commands/proxy.rb#run with configuration/proxy/run.rb's default options. */
  private static final String KAMAL_PROXY_RUN = "docker run --name kamal-proxy --network kamal --detach"
      + " --restart unless-stopped --volume kamal-proxy-config:/home/kamal-proxy/.config/kamal-proxy"
      + " --volume $HOME/.kamal/proxy/apps-config:/home/kamal-proxy/.apps-config"
      + " --publish 80:80 --publish 443:443 --log-opt max-size=10m basecamp/kamal-proxy:v0.9.2 kamal-proxy run";
  /** Kamal v2.12.0 test/cli/app_test.rb:261: the deploy line for a default proxied role. */
  private static final String KAMAL_DEPLOY_OPTIONS = "--deploy-timeout=\"30s\" --drain-timeout=\"30s\""
      + " --buffer-requests --buffer-responses --log-request-header=\"Cache-Control\""
      + " --log-request-header=\"Last-Modified\"";

  private static TestHosts set;
  private static TestHost host;
  private static String appImage;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void hostWithProxyImageAndApp(@TempDir Path context) throws IOException {
    set = TestHosts.bring("kp-" + ProcessHandle.current().pid(), 1);
    host = set.hosts().get(0);
    set.ensureKamalProxyImage();
    appImage = set.registry().image("sextant/kamal-proxy-it-app:1");
    Files.writeString(context.resolve("Dockerfile"), "FROM " + set.baseImage() + "\n"
        + "COPY echo stream slow /www/cgi-bin/\n"
        + "CMD [\"sh\", \"-c\", \"echo $VERSION > /www/index.html; [ -n \\\"$UNHEALTHY\\\" ] || echo ok > /www/up;"
        + " exec httpd -f -p 80 -h /www\"]\n");
    Files.writeString(context.resolve("echo"), "#!/bin/sh\nprintf 'Content-Type: text/plain\\r\\n\\r\\n'\n"
        + "echo \"$REQUEST_METHOD $CONTENT_LENGTH $HTTP_HOST $HTTP_X_FORWARDED_FOR $HTTP_X_FORWARDED_PROTO\"\n"
        + "head -c \"$CONTENT_LENGTH\"\n");
    Files.writeString(context.resolve("stream"), "#!/bin/sh\nprintf 'Content-Type: text/plain\\r\\n\\r\\n'\n"
        + "echo first\nsleep 3\necho last\n");
    // Answers after 2 s: under load some of these are always in flight when a deploy switches targets.
    Files.writeString(context.resolve("slow"), "#!/bin/sh\nprintf 'Content-Type: text/plain\\r\\n\\r\\n'\n"
        + "sleep 2\ncat /www/index.html\n");
    context.resolve("slow").toFile().setExecutable(true, false);
    context.resolve("echo").toFile().setExecutable(true, false);
    context.resolve("stream").toFile().setExecutable(true, false);
    set.docker("build", "-q", "-t", appImage, context.toString()).requireOk();
    set.loginRoot();
    set.docker("push", appImage).requireOk();
    set.ssh(host, "echo '" + set.registry().password() + "' | docker login -u " + set.registry().username()
        + " --password-stdin " + set.registry().address() + " && docker pull -q " + appImage).requireOk();
  }

  @AfterAll
  static void tearDown() {
    if (set != null) {
      set.close();
    }
  }

  @BeforeEach
  void freshProxyAsKamalBootsIt() {
    sh("docker rm -f $(docker ps -aq) >/dev/null 2>&1; docker volume rm -f kamal-proxy-config >/dev/null;"
        + " docker network create kamal >/dev/null 2>&1; " + KAMAL_PROXY_RUN);
  }

  @Test
  void runsAsKamalRunsItAndServesTheDeployedTarget() throws Exception {
    app("web-1", "v1");
    deploy("app-web", "web-1");

    assertThat(get("/").body()).isEqualTo("v1\n");
    // Kamal's version check: v2.12.0 lib/kamal/commands/proxy.rb#version.
    assertThat(sh("docker inspect kamal-proxy --format '{{.Config.Image}}' | awk -F: '{print $NF}'").strip())
        .isEqualTo("v0.9.2");
    assertThat(plain(sh("docker exec kamal-proxy kamal-proxy list")))
        .containsPattern("Service +Host +Path +Target +State +TLS")
        .containsPattern("app-web +\\* +/ +web-1:80 +running +no");
  }

  @Test
  void switchesTargetsUnderLoadWithoutAFailedRequest() throws Exception {
    app("web-1", "v1");
    deploy("app-web", "web-1");
    try (Load load = new Load(16)) {
      load.awaitAnswers(200);
      // Kamal's order: run the new container, deploy it to the proxy, then stop the old one. The old one is
      // killed outright here (stricter than Kamal's docker stop): deploy must have drained it already.
      app("web-2", "v2");
      deploy("app-web", "web-2");
      sh("docker kill web-1 >/dev/null");
      load.awaitVersion("v2");
      sh("docker start web-1 >/dev/null");   // a rollback restarts the old container (new address, same name)
      deploy("app-web", "web-1");
      sh("docker kill web-2 >/dev/null");
      load.awaitVersion("v1");
      load.awaitAnswers(load.answers() + 200);
      load.stop();
      assertThat(load.failures()).as("failed requests").isEmpty();
      assertThat(load.versionsInOrder()).containsSubsequence("v1", "v2", "v1");
      assertThat(load.lastVersion()).isEqualTo("v1");
    }
  }

  @Test
  void deployFailsWithKamalProxysMessageWhenTheTargetNeverGetsHealthy() throws Exception {
    app("web-1", "v1");
    deploy("app-web", "web-1");
    sh("docker run -d --name web-bad --network kamal -e VERSION=bad -e UNHEALTHY=1 " + appImage + " >/dev/null");

    CommandResult failed = set.ssh(host,
        "docker exec kamal-proxy kamal-proxy deploy app-web --target=\"web-bad:80\" --deploy-timeout=\"2s\"");

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.stderr().strip())
        .isEqualTo("Error: target failed to become healthy within configured timeout (2s)");
    assertThat(get("/").body()).isEqualTo("v1\n");
    assertThat(plain(sh("docker exec kamal-proxy kamal-proxy list"))).containsPattern("app-web .* web-1:80 ");
  }

  @Test
  void maintenanceAnswers503WithTheMessageUntilLive() throws Exception {
    app("web-1", "v1");
    deploy("app-web", "web-1");

    // Kamal v2.12.0 commands/app/proxy.rb#maintenance with configuration/proxy.rb#stop_options.
    sh("docker exec kamal-proxy kamal-proxy stop app-web --drain-timeout=\"10s\" --message=\"Upgrading & back soon\"");
    HttpResponse<String> stopped = get("/");
    assertThat(stopped.statusCode()).isEqualTo(503);
    assertThat(stopped.body()).contains("Upgrading &amp; back soon");
    assertThat(plain(sh("docker exec kamal-proxy kamal-proxy list"))).containsPattern("app-web .* stopped ");

    sh("docker exec kamal-proxy kamal-proxy resume app-web");
    assertThat(get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void removeUnroutesTheServiceAndRestartKeepsTheRest() throws Exception {
    app("web-1", "v1");
    app("api-1", "api");
    deploy("app-web", "web-1");
    sh("docker exec kamal-proxy kamal-proxy deploy app-api --target=\"api-1:80\" --host=\"api.example.com\"");
    assertThat(get("/", "api.example.com")).isEqualTo("api\n200");

    // Restored from the config volume; the command right after the restart waits for the server, as Kamal's
    // `docker exec … deploy` right after `docker run` does.
    assertThat(plain(sh("docker restart kamal-proxy >/dev/null && docker exec kamal-proxy kamal-proxy list")))
        .contains("app-web").contains("app-api");
    assertThat(get("/", "api.example.com")).isEqualTo("api\n200");
    assertThat(get("/", "www.example.com")).isEqualTo("v1\n200");

    sh("docker exec kamal-proxy kamal-proxy remove app-web");
    assertThat(get("/", "www.example.com")).endsWith("404");
    assertThat(plain(sh("docker exec kamal-proxy kamal-proxy list"))).doesNotContain("app-web").contains("app-api");
    CommandResult missing = set.ssh(host, "docker exec kamal-proxy kamal-proxy remove app-web");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr().strip()).isEqualTo("Error: service not found");
  }

  @Test
  void forwardsRequestBodiesAndStreamsResponses() throws Exception {
    app("web-1", "v1");
    sh("docker exec kamal-proxy kamal-proxy deploy app-web --target=\"web-1:80\"");
    String body = "x".repeat(100_000);
    HttpResponse<String> echoed = http.send(HttpRequest.newBuilder(url("/cgi-bin/echo"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    // The target sees the client's Host and the X-Forwarded-* headers kamal-proxy adds.
    assertThat(echoed.body()).matches("POST 100000 " + Pattern.quote(host.ip()) + " 10\\.213\\.\\d+\\.1 http\n"
        + body);

    long started = System.nanoTime();
    HttpResponse<InputStream> streamed = http.send(HttpRequest.newBuilder(url("/cgi-bin/stream"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(streamed.body(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo("first");
      Duration firstLine = Duration.ofNanos(System.nanoTime() - started);
      assertThat(lines.readLine()).isEqualTo("last");
      Duration lastLine = Duration.ofNanos(System.nanoTime() - started);
      // The target sleeps 3 s between the lines: the first must reach the client before the second exists.
      assertThat(lastLine.minus(firstLine)).isGreaterThan(Duration.ofMillis(1500));
    }
  }

  @Test
  void servesHttpsWithACustomCertificateAndRedirectsHttpToIt(@TempDir Path dir) throws Exception {
    app("web-1", "v1");
    // Where Kamal v2.12.0 puts a role's custom certificate (cli/app/ssl_certificates.rb, mode 0644), as the
    // proxy container sees it through the apps-config volume.
    String tlsDir = ".kamal/proxy/apps-config/app/tls/web";
    String[] pem = selfSignedPem(dir, "app.example.com");
    sh("mkdir -p ~/" + tlsDir + " && printf '%s' '" + pem[0] + "' > ~/" + tlsDir + "/cert.pem"
        + " && printf '%s' '" + pem[1] + "' > ~/" + tlsDir + "/key.pem && chmod 0644 ~/" + tlsDir + "/*.pem");
    String inContainer = "/home/kamal-proxy/.apps-config/app/tls/web";
    sh("docker exec kamal-proxy kamal-proxy deploy app-web --target=\"web-1:80\" --host=\"app.example.com\" --tls"
        + " --tls-certificate-path=\"" + inContainer + "/cert.pem\" --tls-private-key-path=\"" + inContainer
        + "/key.pem\" " + KAMAL_DEPLOY_OPTIONS);

    assertThat(curl("-k", "--resolve", "app.example.com:443:" + host.ip(), "https://app.example.com/"))
        .isEqualTo("v1\n200");
    assertThat(curl("-o", "/dev/null", "-H", "Host: app.example.com", "-w", "%{http_code} %{redirect_url}",
        "http://" + host.ip() + "/a?b=1")).isEqualTo("301 https://app.example.com/a?b=1");
  }

  @Test
  void refusesCommandLinesAsKamalProxyDoes() {
    CommandResult unknown = set.ssh(host, "docker exec kamal-proxy kamal-proxy deploy app-web --target=a:80 --bogus");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.stderr().strip()).isEqualTo("Error: unknown flag: --bogus");
    CommandResult noTarget = set.ssh(host, "docker exec kamal-proxy kamal-proxy deploy app-web");
    assertThat(noTarget.exitCode()).isEqualTo(1);
    assertThat(noTarget.stderr().strip()).isEqualTo("Error: required flag(s) \"target\" not set");
  }

  private void app(String name, String version) {
    sh("docker run -d --name " + name + " --network kamal -e VERSION=" + version + " " + appImage + " >/dev/null");
  }

  private void deploy(String service, String container) {
    sh("docker exec kamal-proxy kamal-proxy deploy " + service + " --target=\"" + container + ":80\" "
        + KAMAL_DEPLOY_OPTIONS);
  }

  private String sh(String command) {
    return set.ssh(host, command).requireOk().stdout();
  }

  private static String plain(String ansi) {
    return ansi.replaceAll("\u001b\\[[0-9;]*m", "");
  }

  private URI url(String path) {
    return URI.create("http://" + host.ip() + path);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** GET with a Host header of our choosing (the JDK client refuses to set Host): the body, then the status. */
  private String get(String path, String hostHeader) {
    return curl("-H", "Host: " + hostHeader, url(path).toString());
  }

  /** curl with {@code args}: what it prints (the body unless redirected), then the status code. */
  private static String curl(String... args) {
    List<String> argv = new ArrayList<>(List.of("curl", "-s", "-m", "10", "-w", "%{http_code}"));
    argv.addAll(List.of(args));
    return LocalCommand.run(argv, Map.of(), null, Duration.ofSeconds(20)).requireOk().stdout();
  }

  /** A self-signed EC certificate and its PKCS#8 key for {@code name}, as PEM, made with the JDK's keytool. */
  private static String[] selfSignedPem(Path dir, String name) throws Exception {
    Path store = dir.resolve("tls.p12");
    LocalCommand.run(List.of("keytool", "-genkeypair", "-alias", "tls", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=" + name, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
        "-storepass", "changeit"), Map.of(), null, Duration.ofSeconds(60)).requireOk();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    String certificate = "-----BEGIN CERTIFICATE-----\n"
        + base64.encodeToString(keys.getCertificate("tls").getEncoded()) + "\n-----END CERTIFICATE-----\n";
    String key = "-----BEGIN PRIVATE KEY-----\n"
        + base64.encodeToString(keys.getKey("tls", "changeit".toCharArray()).getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    return new String[] {certificate, key};
  }

  /**
   * Clients sending GET / (half of them) or the slow page back to back through the proxy, recording every failure
   * and each change of the answering version.
   */
  private final class Load implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger answers = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<String> versions = new ArrayList<>();
    private final List<Thread> clients = new ArrayList<>();

    Load(int count) {
      for (int i = 0; i < count; i++) {
        String path = i % 2 == 0 ? "/" : "/cgi-bin/slow";
        Thread client = new Thread(() -> loop(path), "load-" + i);
        clients.add(client);
        client.start();
      }
    }

    private void loop(String path) {
      HttpRequest request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30)).build();
      while (running.get()) {
        try {
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          // A cut-off answer counts too: the slow page's body is close-delimited, so a target killed mid-answer
          // would look like a short 200.
          if (response.statusCode() != 200 || !response.body().matches("v[12]\n")) {
            failures.add(response.statusCode() + " " + path + " '" + response.body() + "'");
            continue;
          }
          record(response.body().strip());
          answers.incrementAndGet();
        } catch (IOException e) {
          failures.add(e.toString());
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private synchronized void record(String version) {
      if (versions.isEmpty() || !versions.get(versions.size() - 1).equals(version)) {
        versions.add(version);
      }
    }

    int answers() {
      return answers.get();
    }

    void awaitAnswers(int count) throws InterruptedException {
      awaitUntil(() -> answers.get() >= count, count + " answers");
    }

    void awaitVersion(String version) throws InterruptedException {
      awaitUntil(() -> version.equals(lastVersion()), "version " + version);
    }

    private void awaitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!condition.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no " + what + " within 60 s; failures: " + failures);
        }
        Thread.sleep(20);
      }
    }

    synchronized String lastVersion() {
      return versions.isEmpty() ? null : versions.get(versions.size() - 1);
    }

    synchronized List<String> versionsInOrder() {
      return List.copyOf(versions);
    }

    List<String> failures() {
      return List.copyOf(failures);
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread client : clients) {
        client.join();
      }
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }
}

package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.TestHost;
import io.sextant.testing.TestHosts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The {@code proxy} commands and {@code app maintenance/live} end to end: the launcher boots kamal-proxy (the
 * harness's stand-in image, {@code basecamp/kamal-proxy:v0.9.2}) on the web hosts of a real test set, an app
 * container per web host is registered with it by hand ({@code docker exec kamal-proxy kamal-proxy deploy}), and
 * every command's effect is checked with real HTTP requests and on the hosts over OpenSSH. In order: later tests
 * build on the state earlier ones leave.
 * {@link ProxyCommandsColdIT} calls some of these tests as plain methods, on the cold path: what a test needs is
 * set up in its own body or in {@code setUp}, never in a {@code @BeforeEach} the twin would not run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyCommandsIT {
  private TestHosts hosts;
  CliProject project; // package-private: ProxyCommandsColdIT runs these tests with it cold
  private TestHost web1;
  private TestHost web2;
  private TestHost worker;
  private String service;
  private String appHost;

  @BeforeAll
  void setUp(@org.junit.jupiter.api.io.TempDir Path root) throws Exception {
    hosts = TestHosts.shared();
    hosts.ensureKamalProxyImage();
    service = "px" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    appHost = service + ".test";
    project = CliProject.create(root, hosts, service);
    web1 = project.host(0);
    web2 = project.host(1);
    worker = project.host(2);
    project.write("config/deploy.yml", deployYml(""));
    project.write("config/run.yml", deployYml(String.join("\n",
        "  run:",
        "    http_port: 8081",
        "    log_max_size: 5m",
        "    options:",
        "      label:",
        "        - sextant.proxy-run=yes",
        "")));
    project.write(".kamal/secrets", "KAMAL_REGISTRY_PASSWORD=" + hosts.registry().password() + "\n");
    // A clean slate: no proxy (nor its saved routes) left by an earlier test on these hosts
    for (TestHost host : hosts.hosts()) {
      project.ssh(host, "docker rm -f kamal-proxy >/dev/null 2>&1; docker volume rm kamal-proxy-config "
          + ">/dev/null 2>&1; rm -rf .kamal/proxy; true").requireOk();
    }
  }

  /** Web role on the first two hosts (proxied, as the primary role), workers on the third; {@code proxyRun} added. */
  private String deployYml(String proxyRun) {
    return String.join("\n",
        "service: " + service,
        "image: px/" + service,
        "servers:",
        "  web: [" + web1.ip() + ", " + web2.ip() + "]",
        "  workers:",
        "    hosts: [" + worker.ip() + "]",
        "proxy:",
        "  host: " + appHost,
        proxyRun + CliProject.registryBuilderAndSsh(hosts));
  }

  @AfterAll
  void tearDown() {
    if (project == null) {
      return;
    }
    for (TestHost host : List.of(web1, web2)) {
      project.ssh(host, "docker rm -f " + appContainer() + " kamal-proxy >/dev/null 2>&1; docker volume rm "
          + "kamal-proxy-config >/dev/null 2>&1; rm -rf .kamal/apps/" + service + " .kamal/proxy; true");
    }
    hosts.ensureKamalProxyImage(); // proxy remove pruned the image; later tests expect it on the hosts
  }

  private String appContainer() {
    return service + "-web-1";
  }

  @Test
  @Order(1)
  void bootStartsTheProxyOnTheWebHostsOnlyAndIsIdempotent() throws Exception {
    CliProject.Run boot = project.run("proxy", "boot");
    assertThat(boot.exitCode()).as(boot.toString()).isZero();
    for (TestHost host : List.of(web1, web2)) {
      assertThat(remote(host, "docker ps --filter name=^kamal-proxy$ --format '{{.Image}}'").strip())
          .isEqualTo(TestHosts.KAMAL_PROXY_IMAGE);
      assertThat(project.ssh(host, "test -d .kamal/proxy/apps-config").ok()).isTrue();
    }
    // Kamal creates the kamal network on every host, proxy or not; the proxy runs on proxy hosts only
    assertThat(remote(worker, "docker network ls --format '{{.Name}}'").lines()).contains("kamal");
    assertThat(remote(worker, "docker ps -a --filter name=^kamal-proxy$ --format '{{.ID}}'")).isBlank();

    String before = containerId(web1);
    CliProject.Run again = project.run("proxy", "boot");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(containerId(web1)).isEqualTo(before);
  }

  @Test
  @Order(2)
  void registeredAppIsServedThroughTheProxy() throws Exception {
    for (TestHost host : List.of(web1, web2)) {
      remote(host, "docker run --detach --name " + appContainer() + " --network kamal --user 0 --entrypoint "
          + "/bin/sh " + TestHosts.KAMAL_PROXY_IMAGE + " -c 'mkdir -p /www && echo served by " + host.name()
          + " > /www/index.html && echo ok > /www/up && exec httpd -f -p 80 -h /www'");
      remote(host, "docker exec kamal-proxy kamal-proxy deploy " + service + "-web --target=" + appContainer()
          + ":80 --host=" + appHost + " --health-check-path=/up --deploy-timeout=30s");
      Response response = get(host, 80, "/");
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      assertThat(response.body()).contains("served by " + host.name());
    }
  }

  @Test
  @Order(3)
  void detailsShowTheProxyContainerPerProxyHost() throws Exception {
    CliProject.Run details = project.run("proxy", "details");
    assertThat(details.exitCode()).as(details.toString()).isZero();
    assertThat(details.stdout()).contains("Proxy Host: " + web1.ip(), "Proxy Host: " + web2.ip())
        .doesNotContain("Proxy Host: " + worker.ip());
    assertThat(details.stdout().lines().filter(line -> line.contains(TestHosts.KAMAL_PROXY_IMAGE))).hasSize(2);
  }

  @Test
  @Order(4)
  void logsShowTheRequestsTheProxyServed() throws Exception {
    String marker = "/marker-" + UUID.randomUUID();
    get(web1, 80, marker);
    CliProject.Run logs = project.run("proxy", "logs", "-g", marker);
    assertThat(logs.exitCode()).as(logs.toString()).isZero();
    String web1Block = logs.stdout().split("Proxy Host: " + web2.ip())[0];
    assertThat(web1Block).contains("Proxy Host: " + web1.ip(), marker);
    assertThat(web1Block.lines().filter(line -> line.contains(marker)))
        .allSatisfy(line -> assertThat(line).matches("^\\d{4}-\\d\\d-\\d\\dT.*"));

    CliProject.Run plain = project.run("proxy", "logs", "-T", "-n", "50", "-h", web1.ip());
    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(plain.stdout()).contains("Proxy Host: " + web1.ip(), marker)
        .doesNotContain("Proxy Host: " + web2.ip());
    assertThat(plain.stdout().lines().filter(line -> line.contains(marker)))
        .noneSatisfy(line -> assertThat(line).matches("^\\d{4}-\\d\\d-\\d\\dT.*"));
  }

  @Test
  @Order(5)
  void bootWaitsForNoOneAndFailsWhileTheLockIsHeld() throws Exception {
    assertThat(project.run("lock", "acquire", "-m", "held by the test").exitCode()).isZero();
    try {
      CliProject.Run boot = project.run("proxy", "boot");
      assertThat(boot.exitCode()).as(boot.toString()).isEqualTo(1);
      assertThat(boot.stdout() + boot.stderr()).contains("held by the test");
    } finally {
      assertThat(project.run("lock", "release").exitCode()).isZero();
    }
  }

  @Test
  @Order(6)
  void rollingRebootFiresTheHooksPerHostWhileTheOtherHostServes() throws Exception {
    for (String hook : List.of("pre-proxy-reboot", "post-proxy-reboot")) {
      project.hook(hook, "echo \"" + hook + " hosts=$KAMAL_HOSTS command=$KAMAL_COMMAND $KAMAL_SUBCOMMAND "
          + "lock=$KAMAL_LOCK secret=${KAMAL_REGISTRY_PASSWORD:-none}\" >> \"$PWD/reboots.log\"");
    }
    // Kamal moves on as soon as `docker run` returns; the real kamal-proxy serves within milliseconds, the
    // harness's JVM stand-in takes seconds on a busy machine. So post-proxy-reboot waits until the rebooted host
    // serves again, as a user's hook would, before the next host goes down.
    project.hook("post-proxy-reboot", "echo \"post-proxy-reboot hosts=$KAMAL_HOSTS command=$KAMAL_COMMAND "
        + "$KAMAL_SUBCOMMAND lock=$KAMAL_LOCK secret=${KAMAL_REGISTRY_PASSWORD:-none}\" >> \"$PWD/reboots.log\"\n"
        + "for i in $(seq 1 300); do\n"
        + "  code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' -H 'Host: " + appHost + "' \"http://$KAMAL_HOSTS/\")\n"
        + "  [ \"$code\" = 200 ] && exit 0\n"
        + "  sleep 0.2\n"
        + "done\n"
        + "exit 1");
    String before1 = containerId(web1);
    String before2 = containerId(web2);
    List<String> bothDown = new ArrayList<>();
    AtomicBoolean polling = new AtomicBoolean(true);
    int[] rounds = {0};
    Thread poller = new Thread(() -> {
      while (polling.get()) {
        boolean one = serves(web1);
        boolean two = serves(web2);
        rounds[0]++;
        if (!one && !two) {
          bothDown.add("round " + rounds[0]);
        }
      }
    });
    poller.start();
    CliProject.Run reboot;
    try {
      reboot = project.run("proxy", "reboot", "--rolling", "-y");
    } finally {
      polling.set(false);
      poller.join();
    }
    assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
    assertThat(Files.readAllLines(project.dir.resolve("reboots.log"))).containsExactly(
        "pre-proxy-reboot hosts=" + web1.ip() + " command=proxy reboot lock=true secret=none",
        "post-proxy-reboot hosts=" + web1.ip() + " command=proxy reboot lock=true secret=none",
        "pre-proxy-reboot hosts=" + web2.ip() + " command=proxy reboot lock=true secret=none",
        "post-proxy-reboot hosts=" + web2.ip() + " command=proxy reboot lock=true secret=none");
    assertThat(containerId(web1)).isNotEqualTo(before1);
    assertThat(containerId(web2)).isNotEqualTo(before2);
    for (TestHost host : List.of(web1, web2)) {
      assertThat(lastAuditLine(host)).contains("Rebooted proxy"); // K:lib/kamal/cli/proxy.rb:118
    }
    assertThat(rounds[0]).isGreaterThan(1);
    assertThat(bothDown).as("moments when neither host served").isEmpty();
    assertThat(get(web1, 80, "/").status()).isEqualTo(200); // the rebooted proxy kept its routes
    assertThat(get(web2, 80, "/").status()).isEqualTo(200);
    Files.delete(project.dir.resolve(".kamal/hooks/pre-proxy-reboot"));
    Files.delete(project.dir.resolve(".kamal/hooks/post-proxy-reboot"));
  }

  @Test
  @Order(7)
  void bootConfigSetTakesEffectAtTheNextRebootAndResetRestoresTheDefaults() throws Exception {
    CliProject.Run set = project.run("proxy", "boot_config", "set", "--http-port", "8080");
    assertThat(set.exitCode()).as(set.toString()).isZero();
    assertThat(set.stdout() + set.stderr()).contains("The proxy boot_config command is deprecated");
    CliProject.Run get = project.run("proxy", "boot_config", "get");
    assertThat(get.stdout()).contains("Host " + web1.ip() + ": --publish 8080:80 --publish 443:443 "
        + "--log-opt max-size=10m basecamp/kamal-proxy:v0.9.2");
    assertThat(remote(web1, "cat .kamal/proxy/options")).isEqualTo(
        "--publish 8080:80 --publish 443:443 --log-opt max-size=10m");

    assertThat(project.run("proxy", "reboot", "-y").exitCode()).isZero();
    awaitServing(web1, 8080);
    awaitServing(web2, 8080);
    assertThat(serves(web1)).isFalse();

    assertThat(project.run("proxy", "boot_config", "reset").exitCode()).isZero();
    assertThat(project.ssh(web1, "test -e .kamal/proxy/options").ok()).isFalse();
    assertThat(project.run("proxy", "boot_config", "get").stdout()).contains("Host " + web2.ip()
        + ": --publish 80:80 --publish 443:443 --log-opt max-size=10m basecamp/kamal-proxy:v0.9.2");
    assertThat(project.run("proxy", "reboot", "-y").exitCode()).isZero();
    awaitServing(web1, 80);
    awaitServing(web2, 80);
  }

  @Test
  @Order(8)
  void maintenanceAnswers503WithTheMessageUntilLive() throws Exception {
    CliProject.Run maintenance =
        project.run("app", "maintenance", "--message", "Back soon, <upgrading>", "--drain-timeout", "1");
    assertThat(maintenance.exitCode()).as(maintenance.toString()).isZero();
    for (TestHost host : List.of(web1, web2)) {
      Response response = get(host, 80, "/");
      assertThat(response.status()).isEqualTo(503);
      assertThat(response.body()).contains("Back soon, &lt;upgrading&gt;");
    }
    CliProject.Run live = project.run("app", "live");
    assertThat(live.exitCode()).as(live.toString()).isZero();
    for (TestHost host : List.of(web1, web2)) {
      assertThat(get(host, 80, "/").status()).isEqualTo(200);
    }
  }

  @Test
  @Order(9)
  void stopThenStart() throws Exception {
    assertThat(project.run("proxy", "stop").exitCode()).isZero();
    assertThat(lastAuditLine(web1)).contains("Stopped proxy"); // K:lib/kamal/cli/proxy.rb:189
    assertThat(serves(web1)).isFalse();
    assertThat(remote(web1, "docker ps -a --filter name=^kamal-proxy$ --format '{{.State}}'").strip())
        .isEqualTo("exited");
    assertThat(project.run("proxy", "start").exitCode()).isZero();
    assertThat(lastAuditLine(web1)).contains("Started proxy"); // K:lib/kamal/cli/proxy.rb:179
    awaitServing(web1, 80);
  }

  @Test
  @Order(10)
  void restartKeepsTheContainer() throws Exception {
    String started = containerId(web1);
    assertThat(project.run("proxy", "restart").exitCode()).isZero();
    awaitServing(web1, 80);
    assertThat(containerId(web1)).isEqualTo(started);
  }

  @Test
  @Order(11)
  void proxyRunInTheConfigurationRunsTheContainerFromTheYaml() throws Exception {
    CliProject.Run reboot = project.run("proxy", "reboot", "-y", "-c", "config/run.yml", "-h", web2.ip());
    assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
    assertThat(remote(web2, "docker inspect kamal-proxy --format "
        + "'{{index .Config.Labels \"sextant.proxy-run\"}} {{.HostConfig.LogConfig.Config}}'").strip())
        .isEqualTo("yes map[max-size:5m]");
    awaitServing(web2, 8081);
    assertThat(serves(web2)).isFalse();
    assertThat(containerId(web1)).isNotBlank(); // -h: web1 untouched, still on port 80
    assertThat(serves(web1)).isTrue();

    assertThat(project.run("proxy", "reboot", "-y", "-h", web2.ip()).exitCode()).isZero();
    awaitServing(web2, 80);
  }

  @Test
  @Order(12)
  void bootRefusesAProxyOlderThanTheMinimumAndRebootUpgradesIt() throws Exception {
    remote(web1, "docker tag " + TestHosts.KAMAL_PROXY_IMAGE + " basecamp/kamal-proxy:v0.8.0 && docker rm -f "
        + "kamal-proxy && docker run --detach --name kamal-proxy basecamp/kamal-proxy:v0.8.0");
    try {
      CliProject.Run boot = project.run("proxy", "boot", "-h", web1.ip());
      assertThat(boot.exitCode()).as(boot.toString()).isEqualTo(1);
      assertThat(boot.stderr()).contains("kamal-proxy version v0.8.0 is too old, run `sextant proxy reboot` in "
          + "order to update to at least v0.9.2");

      CliProject.Run reboot = project.run("proxy", "reboot", "-y", "-h", web1.ip());
      assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
      assertThat(remote(web1, "docker inspect kamal-proxy --format '{{.Config.Image}}'").strip())
          .isEqualTo(TestHosts.KAMAL_PROXY_IMAGE);
      awaitServing(web1, 80);
    } finally {
      project.ssh(web1, "docker rmi basecamp/kamal-proxy:v0.8.0");
    }
  }

  @Test
  @Order(13)
  void removeKeepsTheProxyWhileAppsAreInstalledUnlessForced() throws Exception {
    for (TestHost host : List.of(web1, web2)) {
      remote(host, "mkdir -p .kamal/apps/" + service + " && docker rm -f " + appContainer());
    }
    CliProject.Run kept = project.run("proxy", "remove");
    assertThat(kept.exitCode()).as(kept.toString()).isZero();
    assertThat(kept.stdout() + kept.stderr()).contains("Not removing the proxy, as other apps are installed");
    assertThat(containerId(web1)).isNotBlank();

    CliProject.Run forced = project.run("proxy", "remove", "--force");
    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(forced.stdout() + forced.stderr()).contains("Forcing, so removing the proxy");
    for (TestHost host : List.of(web1, web2)) {
      assertThat(remote(host, "docker ps -a --filter name=^kamal-proxy$ --format '{{.ID}}'")).isBlank();
      assertThat(project.ssh(host, "test -e .kamal/proxy").ok()).isFalse();
      assertThat(remote(host, "docker images -q " + TestHosts.KAMAL_PROXY_IMAGE)).isBlank();
    }
  }

  // ---- helpers ----

  private String remote(TestHost host, String command) {
    return project.ssh(host, command).requireOk().stdout();
  }

  /** The last line of the remote audit log on {@code host} (Kamal's {@code [time] [performer] message}). */
  private String lastAuditLine(TestHost host) {
    return remote(host, "tail -n 1 .kamal/" + service + "-audit.log").strip();
  }

  private String containerId(TestHost host) {
    return remote(host, "docker ps -a --filter name=^kamal-proxy$ --format '{{.ID}}'").strip();
  }

  private boolean serves(TestHost host) {
    return serves(host, 80);
  }

  private boolean serves(TestHost host, int port) {
    try {
      return get(host, port, "/").status() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** A (re)started proxy restores its routes and serves again: seconds for the harness's JVM on a busy machine. */
  private void awaitServing(TestHost host, int port) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!serves(host, port)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(host.ip() + ":" + port + " did not serve within 60 s");
      }
      Thread.sleep(200);
    }
  }

  record Response(int status, String body) {}

  /** A plain HTTP/1.0 GET with the app's Host header (the JDK client will not set Host). */
  private Response get(TestHost host, int port, String path) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host.ip(), port), 2000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.0\r\nHost: " + appHost + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!text.startsWith("HTTP/")) {
        throw new IOException("no HTTP response from " + host.ip() + ":" + port + ": " + text);
      }
      int status = Integer.parseInt(text.substring(9, 12));
      int bodyStart = text.indexOf("\r\n\r\n");
      return new Response(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
    }
  }

}

package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Accessories end to end through the launcher on two real test hosts: {@code setup} boots three of them (one on a
 * role behind kamal-proxy, one on a tag with a secret and a named volume, one with files and directories),
 * then the {@code accessory} commands are run one after the other on the state the previous ones left, and each
 * effect is checked on the hosts with the OpenSSH client. The accessory images are the base image tagged and pushed
 * to the test registry here.
 * {@link AccessoryColdIT} calls some of these tests as plain methods, on the cold path: what a test needs is
 * set up in its own body or in {@code setUp}, never in a {@code @BeforeEach} the twin would not run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessoryIT {
  private static final String SECRET = "db-secret-" + UUID.randomUUID();
  private static final String PROXIED_HOST = "cache.accessory.test";

  DeployProject project;
  TestHost host1;
  TestHost host2;
  String service;
  String image;
  String version;
  final List<DeployProject.Run> runs = new ArrayList<>();

  @BeforeAll
  void setUp() throws Exception {
    service = "acc" + UUID.randomUUID().toString().substring(0, 6);
    project = new DeployProject(service);
    host1 = project.hosts.get(0);
    host2 = project.hosts.get(1);
    var registry = project.set.registry();
    image = "sextant/" + service + "-acc";
    project.set.loginRoot();
    for (String tag : List.of("cache", "db", "files")) {
      String reference = registry.address() + "/" + image + ":" + tag;
      project.set.docker("tag", project.set.baseImage(), reference).requireOk();
      project.set.docker("push", reference).requireOk();
    }
    Files.writeString(project.dir.resolve(".kamal/secrets"), "KAMAL_REGISTRY_PASSWORD=" + registry.password()
        + "\nDB_SECRET=" + SECRET + "\n");
    Files.writeString(project.dir.resolve("config/page.html.erb"),
        "<p><%= ENV[\"GREETING\"] %> from <%= 6 * 7 %></p>\n");
    Files.writeString(project.dir.resolve("config/plain.txt"), "plain file\n");
    String serve = "sh -c 'echo started-" + service + "; mkdir -p /www; echo cache-page > /www/index.html;"
        + " echo ok > /www/up; trap \"exit 0\" TERM; busybox httpd -f -p 80 -h /www & wait'";
    project.set.ensureKamalProxyImage();
    Files.writeString(project.dir.resolve("config/deploy.yml"), """
        service: %1$s
        image: sextant/%1$s
        builder:
          arch: amd64
          driver: docker
        servers:
          web:
            hosts: [%2$s]
            proxy: false
          workers:
            hosts:
              - %3$s: dbhost
            cmd: sh -c 'while true; do sleep 1; done'
        registry:
          server: %4$s
          username: %5$s
          password: [KAMAL_REGISTRY_PASSWORD]
        ssh:
          keys: [%6$s]
          keys_only: true
        readiness_delay: 1
        deploy_timeout: 15
        stop_timeout: 1
        accessories:
          cache:
            image: %4$s/%7$s:cache
            role: web
            cmd: %8$s
            proxy:
              host: %9$s
          db:
            image: %7$s:db
            registry:
              server: %4$s
              username: %5$s
              password: [KAMAL_REGISTRY_PASSWORD]
            tag: dbhost
            env:
              clear: {MODE: tagged}
              secret: [DB_SECRET]
            volumes: ["%1$s-dbdata:/data"]
            cmd: %10$s
          files:
            image: %4$s/%7$s:files
            host: %2$s
            env: {GREETING: hello}
            files:
              - config/page.html.erb:/www/page.html
              - {local: config/plain.txt, remote: /www/plain.txt, mode: "0640"}
            directories:
              - data:/data
            cmd: %11$s
        """.formatted(service, host1.ip(), host2.ip(), registry.address(), registry.username(),
        project.set.privateKey(), image, serve, PROXIED_HOST, DeployProject.IDLE_CMD, DeployProject.httpdCmd("/www")));
    version = project.commitApp("v1", "");
  }

  @AfterAll
  void tearDown() throws IOException {
    if (project == null) {
      return;
    }
    for (TestHost host : project.hosts) {
      project.set.ssh(host, "docker ps -aq --filter label=service=" + service + "-cache --filter label=service="
          + service + "-db | xargs -r docker rm -f; docker rm -f " + service + "-files " + service + "-cache "
          + service + "-db 2>/dev/null; docker volume rm " + service + "-dbdata 2>/dev/null;"
          + " rm -rf " + service + "-files; true");
    }
    // kamal-proxy was booted for the cache accessory: leave the host as other tests expect it, without one
    project.set.ssh(host1, "docker rm -f kamal-proxy >/dev/null 2>&1; docker volume rm kamal-proxy-config"
        + " >/dev/null 2>&1; rm -rf .kamal/proxy; true");
    project.close();
  }

  private DeployProject.Run sextant(String... args) throws Exception {
    DeployProject.Run run = project.sextant(args);
    runs.add(run);
    return run;
  }

  private DeployProject.Run ok(String... args) throws Exception {
    DeployProject.Run run = sextant(args);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run;
  }

  private String onHost(TestHost host, String command) {
    return project.set.ssh(host, command).requireOk().stdout().strip();
  }

  /** What kamal-proxy on host 1 answers for the cache accessory's host name: {@code <status> <body>}. */
  private String throughProxy() throws Exception {
    Process curl = new ProcessBuilder("curl", "-s", "-m", "5", "-o", "-", "-w", " %{http_code}", "-H",
        "Host: " + PROXIED_HOST, "http://" + host1.ip() + "/").redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
        .replaceAll("\\s+", " ").strip();
    curl.waitFor();
    return out;
  }

  /** The last line of the remote audit log on {@code host} (Kamal's {@code [time] [performer] message}). */
  private String lastAuditLine(TestHost host) {
    List<String> lines = project.remoteAudit(host).lines().toList();
    assertThat(lines).as("remote audit log on %s", host.ip()).isNotEmpty();
    return lines.get(lines.size() - 1);
  }

  private String containerId(TestHost host, String name) {
    return onHost(host, "docker ps -q --filter name=^" + name + "$");
  }

  @Test
  @Order(1)
  void setupBootsEveryAccessoryOnItsHosts() throws Exception {
    DeployProject.Run run = ok("setup");
    assertThat(containerId(host1, service + "-cache")).isNotEmpty();
    assertThat(containerId(host2, service + "-cache")).isEmpty(); // role web only
    assertThat(containerId(host2, service + "-db")).isNotEmpty(); // the host tagged dbhost
    assertThat(containerId(host1, service + "-db")).isEmpty();
    assertThat(containerId(host1, service + "-files")).isNotEmpty();
    assertThat(onHost(host1, "docker inspect -f '{{.Config.Labels.service}} {{.HostConfig.RestartPolicy.Name}}'"
        + " " + service + "-files")).isEqualTo(service + "-files unless-stopped");
    assertThat(project.hookNames()).startsWith("pre-connect");
    assertThat(run.output()).doesNotContain(SECRET);
    // proxy: kamal-proxy booted on the accessory's host and routing its host name to it
    assertThat(containerId(host1, "kamal-proxy")).isNotEmpty();
    assertThat(throughProxy()).isEqualTo("cache-page 200");
  }

  @Test
  @Order(2)
  void detailsAllListsThemByHost() throws Exception {
    String out = ok("accessory", "details", "all").stdout();
    assertThat(out).contains("Accessory cache Host: " + host1.ip(), "Accessory db Host: " + host2.ip(),
        "Accessory files Host: " + host1.ip(), service + "-cache", service + "-db", service + "-files");
    // -h narrows every accessory to its selected hosts (K:test/cli/accessory_test.rb:231-242)
    String narrowed = ok("accessory", "details", "all", "-h", host2.ip()).stdout();
    assertThat(narrowed).contains("Accessory db Host: " + host2.ip()).doesNotContain("Host: " + host1.ip());
  }

  @Test
  @Order(2)
  void topLevelDetailsShowsTheAccessoriesAfterTheApp() throws Exception {
    String out = ok("details").stdout();
    assertThat(out).contains("App Host: " + host1.ip(), "Accessory db Host: " + host2.ip());
    assertThat(out.indexOf("Accessory cache Host:")).isGreaterThan(out.lastIndexOf("App Host:"));
  }

  @Test
  @Order(3)
  void filesAreRenderedUploadedWithTheirModesAndServed() throws Exception {
    assertThat(ok("accessory", "exec", "files", "--reuse", "cat /www/page.html").stdout())
        .contains("<p>hello from 42</p>");
    assertThat(ok("accessory", "exec", "files", "cat", "/www/plain.txt").stdout()).contains("plain file");
    assertThat(project.hookNames()).containsExactly("pre-connect"); // K:lib/kamal/cli/accessory.rb:158
    assertThat(onHost(host1, "stat -c %a " + service + "-files/www/page.html " + service + "-files/www/plain.txt"))
        .isEqualTo("755\n640");
    assertThat(onHost(host1, "test -d " + service + "-files/data && echo yes")).isEqualTo("yes");
  }

  @Test
  @Order(4)
  void theAppReachesAnAccessoryByItsNameOnTheKamalNetwork() throws Exception {
    String page = onHost(host1, "docker exec " + service + "-web-" + version + " wget -qO- http://" + service
        + "-files/page.html");
    assertThat(page).isEqualTo("<p>hello from 42</p>");
  }

  @Test
  @Order(5)
  void aSecretReachesTheContainerOnlyThroughTheEnvFile() throws Exception {
    assertThat(onHost(host2, "docker exec " + service + "-db env")).contains("DB_SECRET=" + SECRET, "MODE=tagged",
        "KAMAL_HOST=" + host2.ip());
    assertThat(onHost(host2, "stat -c %a .kamal/apps/" + service + "/env/accessories/db.env")).isEqualTo("600");
    assertThat(onHost(host2, "docker inspect -f '{{json .Config.Cmd}} {{json .Args}}' " + service + "-db"))
        .doesNotContain(SECRET);
    ok("accessory", "reboot", "db");
    // Kamal's accessory commands fire pre-connect on their first connection and no other hook
    assertThat(project.hookNames()).containsExactly("pre-connect");
    assertThat(project.hookRuns().get(0).var("KAMAL_COMMAND")).isEqualTo("accessory");
    assertThat(project.hookRuns().get(0).var("KAMAL_SUBCOMMAND")).isEqualTo("reboot");
    for (DeployProject.Run run : runs) {
      assertThat(run.output()).as(run.args().toString()).doesNotContain(SECRET);
      assertThat(run.processes()).as(run.args().toString()).noneMatch(line -> line.contains(SECRET));
    }
  }

  @Test
  @Order(6)
  void rebootKeepsTheVolumesData() throws Exception {
    onHost(host2, "docker exec " + service + "-db sh -c 'echo kept > /data/x'");
    onHost(host1, "echo kept-too > " + service + "-files/data/y");
    String dbBefore = containerId(host2, service + "-db");
    String filesBefore = containerId(host1, service + "-files");
    ok("accessory", "reboot", "all");
    assertThat(containerId(host2, service + "-db")).isNotEmpty().isNotEqualTo(dbBefore);
    assertThat(containerId(host1, service + "-files")).isNotEmpty().isNotEqualTo(filesBefore);
    assertThat(onHost(host2, "docker exec " + service + "-db cat /data/x")).isEqualTo("kept");
    assertThat(onHost(host1, "docker exec " + service + "-files cat /data/y")).isEqualTo("kept-too");
  }

  @Test
  @Order(7)
  void stopStartRestartAndLogs() throws Exception {
    ok("accessory", "stop", "cache");
    assertThat(lastAuditLine(host1)).contains("Stopped cache accessory"); // K:lib/kamal/cli/accessory.rb:113
    assertThat(containerId(host1, service + "-cache")).isEmpty();
    assertThat(throughProxy()).doesNotContain("cache-page"); // taken out of kamal-proxy
    ok("accessory", "start", "cache");
    assertThat(lastAuditLine(host1)).contains("Started cache accessory"); // K:lib/kamal/cli/accessory.rb:97
    assertThat(containerId(host1, service + "-cache")).isNotEmpty();
    assertThat(throughProxy()).isEqualTo("cache-page 200");
    ok("accessory", "restart", "cache");
    assertThat(containerId(host1, service + "-cache")).isNotEmpty();
    assertThat(throughProxy()).isEqualTo("cache-page 200");
    String logs = ok("accessory", "logs", "cache", "-T").stdout();
    assertThat(logs).contains("started-" + service).doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT");
    assertThat(ok("accessory", "logs", "cache", "-n", "1").stdout()).containsPattern("\\d{4}-\\d\\d-\\d\\dT");
    assertThat(ok("accessory", "logs", "cache", "-g", "nothing-like-this").stdout()).doesNotContain("started-");
  }

  @Test
  @Order(8)
  void anUnknownNameIsAUsageErrorNamingTheOptions() throws Exception {
    DeployProject.Run run = sextant("accessory", "boot", "nope");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr().strip())
        .isEqualTo("ERROR: No accessory by the name of 'nope' (options: cache, db, and files)");
    assertThat(project.hookNames()).isEmpty(); // nothing ran: not even pre-connect
  }

  @Test
  @Order(9)
  void removeAllLeavesNoContainerDirectoryOrImage() throws Exception {
    ok("accessory", "remove_container", "cache"); // Kamal's hidden step alone: the running container stays
    assertThat(containerId(host1, service + "-cache")).isNotEmpty();
    ok("accessory", "remove", "all", "-y");
    for (TestHost host : project.hosts) {
      for (String name : List.of("cache", "db", "files")) {
        assertThat(onHost(host, "docker ps -aq --filter label=service=" + service + "-" + name)).as(name).isEmpty();
      }
      assertThat(onHost(host, "docker image ls -q '*/" + image + "'")).isEmpty();
      assertThat(onHost(host, "test -e " + service + "-files && echo present || echo gone")).isEqualTo("gone");
    }
    assertThat(containerId(host1, service + "-web-" + version)).isNotEmpty(); // the app is left alone
  }
}

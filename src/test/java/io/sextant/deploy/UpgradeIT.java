package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.TestHost;
import io.sextant.testing.TestHosts;
import io.sextant.testing.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code upgrade} (Kamal 1 to 2) end to end through the launcher on two real test hosts. Each test first puts both
 * hosts in a "Kamal 1" state built from what exists here: no Traefik image can be pulled, so a container named
 * {@code traefik} from a locally built image (busybox httpd on port 80, stopping on SIGTERM as Traefik does, with the OCI title label {@code Traefik} the
 * real image carries, which is what Kamal's cleanup prunes by) stands in for it; the app runs on Docker's default
 * bridge under its Kamal 1 name ({@code <service>-web-<version>}) and labels, its image also tagged {@code latest}
 * as Kamal 1 left it; the accessory runs on the default bridge too, and there is no {@code kamal} network.
 *
 * <p>{@code proxy upgrade} prunes the kamal-proxy image from the hosts before booting the proxy again, and the
 * harness's stand-in ({@link TestHosts#KAMAL_PROXY_IMAGE}) cannot be pulled from Docker Hub: the configuration
 * points {@code proxy/run/registry} at the set's registry, where the stand-in is pushed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeIT {
  private static final String HOST_HEADER = "app.example.com";
  private static final String TRAEFIK_PAGE = "traefik stand-in";

  private static DeployProject project;
  private static TestHost host1;
  private static TestHost host2;
  private static String version;
  private static String appImage;
  private static String traefikImage;
  private static String accessoryImage;

  @BeforeAll
  static void setUp() throws Exception {
    project = new DeployProject("upg" + Long.toHexString(System.nanoTime() & 0xffffff));
    host1 = project.hosts.get(0);
    host2 = project.hosts.get(1);
    for (String hook : List.of("pre-proxy-reboot", "post-proxy-reboot")) {
      project.writeHook(hook, hook);
    }
    TestRegistry registry = project.set.registry();
    project.set.ensureKamalProxyImage();
    // The stand-in proxy into the registry, from a host (which has this checkout's build of it)
    project.set.ssh(host1, login() + " && docker tag " + TestHosts.KAMAL_PROXY_IMAGE + " " + registry.address()
        + "/" + TestHosts.KAMAL_PROXY_IMAGE + " && docker push -q " + registry.address() + "/"
        + TestHosts.KAMAL_PROXY_IMAGE + " >/dev/null && docker rmi " + registry.address() + "/"
        + TestHosts.KAMAL_PROXY_IMAGE + " >/dev/null").requireOk();

    project.set.loginRoot();
    version = project.commitApp("v1", "");
    appImage = registry.address() + "/sextant/" + project.service;
    build(project.dir, appImage + ":" + version, appImage + ":latest");
    Path traefik = Files.createDirectories(project.home.resolve("traefik"));
    Files.writeString(traefik.resolve("Dockerfile"), """
        FROM %s
        RUN mkdir -p /www && echo '%s' > /www/index.html
        LABEL org.opencontainers.image.title=Traefik
        CMD ["sh", "-c", "trap 'exit 0' TERM; busybox httpd -f -p 80 -h /www & wait"]
        """.formatted(project.set.baseImage(), TRAEFIK_PAGE));
    traefikImage = registry.address() + "/sextant/" + project.service + "-traefik:v2.10";
    build(traefik, traefikImage);
    accessoryImage = registry.address() + "/sextant/" + project.service + "-acc:db";
    project.set.docker("tag", project.set.baseImage(), accessoryImage).requireOk();
    project.set.docker("push", accessoryImage).requireOk();

    Files.writeString(project.dir.resolve("config/deploy.yml"), """
        service: %1$s
        image: sextant/%1$s
        builder:
          arch: amd64
          driver: docker
        servers:
          web:
            - %2$s
            - %3$s
        proxy:
          host: %4$s
          run:
            registry: %5$s
        deploy_timeout: 15
        stop_timeout: 1
        accessories:
          db:
            image: %6$s
            host: %2$s
            cmd: %7$s
        """.formatted(project.service, host1.ip(), host2.ip(), HOST_HEADER, registry.address(), accessoryImage,
            DeployProject.IDLE_CMD)
        + project.registryAndSsh());
  }

  private static void build(Path context, String... tags) {
    List<String> args = new java.util.ArrayList<>(List.of("build", "-q"));
    for (String tag : tags) {
      args.addAll(List.of("-t", tag));
    }
    args.add(context.toString());
    project.set.docker(args.toArray(String[]::new)).requireOk();
    for (String tag : tags) {
      project.set.docker("push", "-q", tag).requireOk();
    }
  }

  private static String login() {
    TestRegistry registry = project.set.registry();
    return "echo '" + registry.password() + "' | docker login -u " + registry.username() + " --password-stdin "
        + registry.address() + " >/dev/null";
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (project == null) {
      return;
    }
    for (TestHost host : project.hosts) {
      project.set.ssh(host, clean());
    }
    project.set.ensureKamalProxyImage(); // the upgrade pruned it; later tests expect it on the hosts
    project.close();
  }

  /** Removes what this test and the upgrade leave on a host (the {@code kamal} network included). */
  private static String clean() {
    String service = project.service;
    return "docker ps -aq --filter label=service=" + service + " | xargs -r docker rm -f >/dev/null;"
        + " docker rm -f " + service + "-db kamal-proxy traefik >/dev/null 2>&1;"
        + " docker volume rm kamal-proxy-config >/dev/null 2>&1; rm -rf .kamal/proxy .kamal/apps/" + service + ";"
        + " docker rmi traefik:v2.10 " + project.set.registry().address() + "/" + TestHosts.KAMAL_PROXY_IMAGE
        + " >/dev/null 2>&1; docker network rm kamal >/dev/null 2>&1; true";
  }

  /** Both hosts as Kamal 1 left them: Traefik on port 80, the app and the accessory on the default bridge. */
  private static void kamal1State() {
    String service = project.service;
    for (TestHost host : project.hosts) {
      project.set.ssh(host, clean()).requireOk();
      String web = service + "-web-" + version;
      String setup = login()
          + " && docker pull -q " + traefikImage + " >/dev/null && docker tag " + traefikImage + " traefik:v2.10"
          + " && docker rmi " + traefikImage + " >/dev/null"
          + " && docker run --name traefik --detach --restart unless-stopped --publish 80:80"
          + " --log-opt max-size=10m traefik:v2.10 >/dev/null"
          + " && docker pull -q " + appImage + ":" + version + " >/dev/null"
          + " && docker tag " + appImage + ":" + version + " " + appImage + ":latest"
          + " && docker run --detach --restart unless-stopped --name " + web
          + " -e KAMAL_CONTAINER_NAME=\"" + web + "\" -e KAMAL_VERSION=\"" + version + "\""
          + " --log-opt max-size=\"10m\" --label service=\"" + service + "\" --label role=\"web\""
          + " --label destination --label traefik.http.routers." + service + "-web.rule=\"PathPrefix(\\`/\\`)\""
          + " " + appImage + ":" + version + " >/dev/null";
      if (host.equals(host1)) {
        setup += " && docker run --name " + service + "-db --detach --restart unless-stopped"
            + " --log-opt max-size=\"10m\" --label service=\"" + service + "-db\" " + accessoryImage
            + " " + DeployProject.IDLE_CMD + " >/dev/null";
      }
      project.set.ssh(host, setup).requireOk();
      assertThat(onHost(host, "docker network ls -q --filter name=^kamal$")).isEmpty();
    }
  }

  private static String onHost(TestHost host, String command) {
    return project.set.ssh(host, command).requireOk().stdout().strip();
  }

  private static String page(TestHost host) throws IOException {
    HttpLoad.Answer answer = HttpLoad.get(host.ip(), HOST_HEADER);
    return answer.status() + " " + answer.body().strip();
  }

  /** {@code <running> <networks>} of a container, e.g. {@code true kamal}. */
  private static String stateOf(TestHost host, String container) {
    return onHost(host, "docker inspect -f '{{.State.Running}}{{range $net, $v := .NetworkSettings.Networks}} "
        + "{{$net}}{{end}}' " + container);
  }

  /** What every test expects once a host is upgraded. */
  private static void assertUpgraded(TestHost host) throws IOException {
    String service = project.service;
    assertThat(onHost(host, "docker ps -aq --filter name=^traefik$")).as("traefik container").isEmpty();
    assertThat(onHost(host, "docker images -q traefik")).as("traefik image").isEmpty();
    assertThat(onHost(host, "docker inspect -f '{{.Config.Image}}' kamal-proxy"))
        .isEqualTo(project.set.registry().address() + "/" + TestHosts.KAMAL_PROXY_IMAGE);
    assertThat(stateOf(host, "kamal-proxy")).isEqualTo("true kamal");
    assertThat(stateOf(host, service + "-web-latest")).isEqualTo("true kamal");
    assertThat(stateOf(host, service + "-web-" + version)).as("the Kamal 1 container").startsWith("false");
    assertThat(onHost(host, "docker exec kamal-proxy kamal-proxy list")).contains(service + "-web");
    assertThat(page(host)).isEqualTo("200 v1");
  }

  @Test
  @Order(1)
  void withoutYesTheQuestionIsAskedAndNoAnswerChangesNothing() throws Exception {
    kamal1State();

    DeployProject.Run run = project.sextant("upgrade");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).contains("This will replace Traefik with kamal-proxy and restart all accessories",
        "Aborted");
    assertThat(project.hookNames()).isEmpty();
    assertThat(page(host1)).isEqualTo("200 " + TRAEFIK_PAGE);
  }

  @Test
  @Order(2)
  void upgradeReplacesTraefikAndMovesTheAppAndAccessoriesOntoTheKamalNetwork() throws Exception {
    kamal1State();
    assertThat(page(host1)).isEqualTo("200 " + TRAEFIK_PAGE);

    DeployProject.Run run = project.sextant("upgrade", "-y");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    String both = host1.ip() + "," + host2.ip();
    // K:test/cli/main_test.rb:816-819, K:test/cli/proxy_test.rb:185-209
    assertThat(run.stdout()).contains("Upgrading all hosts...", "Upgrading proxy on " + both + "...",
        "Upgraded proxy on " + both, "Upgrading all accessories on " + host1.ip() + "...", "Upgraded all hosts");
    for (TestHost host : project.hosts) {
      assertUpgraded(host);
    }
    assertThat(stateOf(host1, project.service + "-db")).isEqualTo("true kamal");
    // Kamal's order (K:lib/kamal/cli/proxy.rb:145-169): the proxy hooks around the app boot's hooks
    assertThat(project.hookNames()).containsExactly("pre-connect", "pre-proxy-reboot", "pre-app-boot",
        "post-app-boot", "post-proxy-reboot");
    for (DeployProject.HookRun hook : project.hookRuns().subList(1, 5)) {
      assertThat(hook.var("KAMAL_HOSTS")).as(hook.hook()).isEqualTo(both);
      assertThat(hook.var("KAMAL_COMMAND")).as(hook.hook()).isEqualTo("upgrade");
      assertThat(hook.var("KAMAL_LOCK")).as(hook.hook()).isEqualTo("true");
    }
    assertThat(project.lockPresent()).isFalse();
    assertThat(run.output()).doesNotContain(project.password());
  }

  @Test
  @Order(3)
  void rollingUpgradesOneHostAtATimeWhileTheOtherStillServes() throws Exception {
    kamal1State();
    Path during = project.home.resolve("host2-during-host1.txt");
    project.alsoRun("post-proxy-reboot", "if [ \"$KAMAL_HOSTS\" = " + host1.ip() + " ]; then curl -s -m 5 -H 'Host: "
        + HOST_HEADER + "' http://" + host2.ip() + "/ > " + during + "; fi");
    try {
      DeployProject.Run run = project.sextant("upgrade", "-y", "--rolling");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      // K:test/cli/main_test.rb:827-836
      String out = run.stdout();
      assertThat(out).contains("Upgrading " + host1.ip() + "...", "Upgraded " + host1.ip(),
          "Upgrading " + host2.ip() + "...", "Upgraded " + host2.ip(), "Upgrading proxy on " + host1.ip() + "...",
          "Upgrading proxy on " + host2.ip() + "...", "Upgrading all accessories on " + host1.ip() + "...")
          .doesNotContain("Upgrading all accessories on " + host2.ip());
      assertThat(out.indexOf("Upgraded " + host1.ip())).isLessThan(out.indexOf("Upgrading " + host2.ip()));
      for (TestHost host : project.hosts) {
        assertUpgraded(host);
      }
      assertThat(stateOf(host1, project.service + "-db")).isEqualTo("true kamal");
      // While host 1 was done, host 2 still served through its Traefik
      assertThat(Files.readString(during).strip()).isEqualTo(TRAEFIK_PAGE);
      assertThat(project.hookNames()).containsExactly("pre-connect",
          "pre-proxy-reboot", "pre-app-boot", "post-app-boot", "post-proxy-reboot",
          "pre-proxy-reboot", "pre-app-boot", "post-app-boot", "post-proxy-reboot");
      List<String> hosts = project.hookRuns().subList(1, 9).stream().map(hook -> hook.var("KAMAL_HOSTS")).toList();
      assertThat(hosts).containsExactly(host1.ip(), host1.ip(), host1.ip(), host1.ip(), host2.ip(), host2.ip(),
          host2.ip(), host2.ip());
      assertThat(project.lockPresent()).isFalse();
    } finally {
      project.clearFailures();
    }
  }

  @Test
  @Order(4)
  void proxyUpgradeAndAccessoryUpgradeAloneDoEachTheirHalf() throws Exception {
    kamal1State();
    DeployProject.Run unknown = project.sextant("accessory", "upgrade", "nosuch", "-y");
    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("No accessory by the name of 'nosuch' (options: db)");
    assertThat(project.hookNames()).isEmpty();

    DeployProject.Run proxy = project.sextant("proxy", "upgrade", "-y");

    assertThat(proxy.exitCode()).as(proxy.toString()).isZero();
    for (TestHost host : project.hosts) {
      assertUpgraded(host);
    }
    assertThat(stateOf(host1, project.service + "-db")).as("accessories are not proxy upgrade's")
        .isEqualTo("true bridge");
    // Like Kamal's, a standalone proxy upgrade takes no lock of its own: only its app boot (and proxy boot, prune)
    // do; and nothing connects before pre-proxy-reboot, so pre-connect comes after it (K:lib/kamal/cli/proxy.rb:145-146,
    // pre-connect at the first `on`: K:lib/kamal/cli/base.rb:256-266)
    assertThat(project.hookRuns().stream().map(hook -> hook.hook() + " " + hook.var("KAMAL_LOCK")).toList())
        .containsExactly("pre-proxy-reboot false", "pre-connect false", "pre-app-boot true", "post-app-boot true",
            "post-proxy-reboot false");
    assertThat(project.hookRuns().get(0).var("KAMAL_SUBCOMMAND")).isEqualTo("upgrade");
    assertThat(project.lockPresent()).isFalse();

    DeployProject.Run accessory = project.sextant("accessory", "upgrade", "db", "-y", "--rolling");

    assertThat(accessory.exitCode()).as(accessory.toString()).isZero();
    assertThat(accessory.stdout()).contains("Upgrading db accessories on " + host1.ip() + "...",
        "Upgraded db accessories on " + host1.ip() + "...");
    assertThat(stateOf(host1, project.service + "-db")).isEqualTo("true kamal");
    assertThat(project.hookNames()).containsExactly("pre-connect");
    assertThat(project.lockPresent()).isFalse();
  }
}

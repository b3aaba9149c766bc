package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.TestHost;
import io.sextant.testing.TestHosts;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kamal's hidden {@code app remove_*} and {@code proxy remove_*} commands end to end through the launcher: the app's
 * containers, image and directories are laid out by hand on one real test host (roles web and workers both on it,
 * web behind kamal-proxy), each command runs and the host is checked over OpenSSH, the deploy lock free after. In
 * order: each test starts from what the previous one left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HiddenRemoveCommandsIT {
  private TestHosts hosts;
  private CliProject project;
  private TestHost host;
  private String service;

  @BeforeAll
  void setUp(@TempDir Path root) throws Exception {
    hosts = TestHosts.shared();
    hosts.ensureKamalProxyImage();
    service = "hr" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    project = CliProject.create(root, hosts, service);
    host = project.host(0);
    project.write("config/deploy.yml", String.join("\n",
        "service: " + service,
        "image: hr/" + service,
        "servers:",
        "  web: [" + host.ip() + "]",
        "  workers:",
        "    hosts: [" + host.ip() + "]",
        "proxy:",
        "  host: " + service + ".test",
        CliProject.registryBuilderAndSsh(hosts)));
    project.write(".kamal/secrets", "KAMAL_REGISTRY_PASSWORD=" + hosts.registry().password() + "\n");
    layOut("web-v1", "web-v2", "workers-v2");
  }

  /**
   * An app image with the service label (as the builder sets it), a stopped container per {@code role-version}
   * labelled as app boot labels them, and the app's directories.
   */
  private void layOut(String... containers) {
    String image = "hr/" + service + ":v1";
    remote("docker create --name " + service + "-seed " + TestHosts.KAMAL_PROXY_IMAGE + " true >/dev/null"
        + " && docker commit --change 'LABEL service=" + service + "' " + service + "-seed " + image + " >/dev/null"
        + " && docker rm " + service + "-seed >/dev/null");
    for (String name : containers) {
      String role = name.substring(0, name.indexOf('-'));
      remote("docker create --name " + service + "-" + name + " --label service=" + service + " --label destination="
          + " --label role=" + role + " " + image + " true >/dev/null");
    }
    remote("mkdir -p .kamal/apps/" + service + "/env .kamal/proxy/apps-config/" + service);
  }

  @AfterAll
  void tearDown() {
    if (project == null) {
      return;
    }
    project.ssh(host, "docker rm -f $(docker ps -aq --filter label=service=" + service + ") >/dev/null 2>&1;"
        + " docker rmi -f hr/" + service + ":v1 >/dev/null 2>&1; rm -rf .kamal/apps/" + service
        + " .kamal/proxy/apps-config/" + service + "; true");
    hosts.ensureKamalProxyImage(); // proxy remove_image pruned it; later tests expect it on the hosts
  }

  @Test
  @Order(1)
  void removeContainerRemovesOnlyThatVersionAndIsHiddenFromHelp() throws Exception {
    ok("app", "remove_container", "v1");
    assertThat(containers()).doesNotContain(service + "-web-v1")
        .contains(service + "-web-v2", service + "-workers-v2");
    assertThat(project.lockExistsOn(host, "")).isFalse();

    CliProject.Run help = ok("app", "--help");
    assertThat(help.stdout()).contains("remove").doesNotContain("remove_container");
    CliProject.Run proxyHelp = ok("proxy", "--help");
    assertThat(proxyHelp.stdout()).doesNotContain("remove_image").doesNotContain("remove_proxy_directory");
  }

  @Test
  @Order(2)
  void removeContainersRemovesTheSelectedRolesContainers() throws Exception {
    ok("app", "remove_containers", "-r", "web");
    assertThat(containers()).doesNotContain(service + "-web-v2").contains(service + "-workers-v2");

    ok("app", "remove-containers"); // Thor's dashes for underscores
    assertThat(containers()).isBlank();
    assertThat(project.lockExistsOn(host, "")).isFalse();
  }

  @Test
  @Order(3)
  void removeImagesKeepsTheImageWhileAnotherRoleOfTheHostStays() throws Exception {
    ok("app", "remove_images", "-r", "workers");
    assertThat(images()).isNotBlank();

    ok("app", "remove_images");
    assertThat(images()).isBlank();
    assertThat(project.lockExistsOn(host, "")).isFalse();
  }

  @Test
  @Order(4)
  void removeAppDirectoriesRemovesTheAppAndProxyConfigDirectories() throws Exception {
    ok("app", "remove_app_directories", "-r", "web");
    assertThat(exists(".kamal/apps/" + service)).isTrue();

    ok("app", "remove_app_directories");
    assertThat(exists(".kamal/apps/" + service)).isFalse();
    assertThat(exists(".kamal/proxy/apps-config/" + service)).isFalse();
    ok("app", "remove_app_directories"); // already gone: not an error, as in Kamal
    assertThat(project.lockExistsOn(host, "")).isFalse();
  }

  @Test
  @Order(5)
  void appRemoveWithARoleFilterKeepsWhatTheHostsOtherRoleShares() throws Exception {
    layOut("web-v3", "workers-v3");
    ok("app", "remove", "-r", "workers");
    assertThat(containers()).isEqualTo(service + "-web-v3");
    assertThat(images()).isNotBlank();
    assertThat(exists(".kamal/apps/" + service)).isTrue();

    ok("app", "remove");
    assertThat(containers()).isBlank();
    assertThat(images()).isBlank();
    assertThat(exists(".kamal/apps/" + service)).isFalse();
    assertThat(exists(".kamal/proxy/apps-config/" + service)).isFalse();
    assertThat(project.lockExistsOn(host, "")).isFalse();
  }

  @Test
  @Order(6)
  void proxyRemoveStepsRemoveTheStoppedContainerItsImageAndDirectory() throws Exception {
    ok("proxy", "boot");
    ok("proxy", "stop");
    assertThat(remote("docker ps -a --filter name=^kamal-proxy$ --format '{{.ID}}'")).isNotBlank();

    ok("proxy", "remove_container");
    assertThat(remote("docker ps -a --filter name=^kamal-proxy$ --format '{{.ID}}'")).isBlank();

    ok("proxy", "remove_image");
    assertThat(remote("docker image ls -q --filter label=org.opencontainers.image.title=kamal-proxy")).isBlank();

    ok("proxy", "remove_proxy_directory");
    assertThat(exists(".kamal/proxy")).isFalse();
    ok("proxy", "remove_proxy_directory"); // already gone: not an error, as in Kamal
    assertThat(project.lockExistsOn(host, "")).isFalse();
  }

  private CliProject.Run ok(String... args) throws Exception {
    CliProject.Run run = project.run(args);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run;
  }

  private String containers() {
    return remote("docker ps -a --filter label=service=" + service + " --format '{{.Names}}'").strip();
  }

  private String images() {
    return remote("docker image ls -q hr/" + service).strip();
  }

  private boolean exists(String path) {
    return project.ssh(host, "test -e " + path).ok();
  }

  private String remote(String command) {
    return project.ssh(host, command).requireOk().stdout();
  }
}

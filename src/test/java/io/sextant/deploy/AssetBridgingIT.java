package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code asset_path} behind kamal-proxy on two real test hosts through the launcher, as Kamal 2.12 bridges assets
 * ({@code cli/app/assets.rb}, {@code commands/app/assets.rb}; its integration test mounts them {@code :ro} as here):
 * each version's image has {@code /www/assets/a-<label>.css}; once a version is live, its container serves its
 * own file and the previous version's, the directories of older versions are gone, and a version that fails its
 * health check leaves the previous one serving with its assets. In order: v1 → v2 → v3 → a broken v4 → an
 * asset path missing from the image → rollback to v2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssetBridgingIT {
  private static final String HOST_HEADER = "assets.example.com";

  private static DeployProject project;
  private static final Map<String, String> versions = new TreeMap<>();

  @BeforeAll
  static void setUp() throws Exception {
    project = new DeployProject("ast" + Long.toHexString(System.nanoTime() & 0xffffff));
    project.set.ensureKamalProxyImage();
    Files.writeString(project.dir.resolve("config/deploy.yml"), """
        service: %s
        image: sextant/%s
        builder:
          arch: amd64
          driver: docker
        servers:
          web:
            - %s
            - %s
        proxy:
          host: %s
          app_port: 80
        asset_path: /www/assets:ro
        deploy_timeout: 8
        """.formatted(project.service, project.service, project.hosts.get(0).ip(), project.hosts.get(1).ip(),
        HOST_HEADER) + project.registryAndSsh());
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (project != null) {
      project.removeFromProxy("web");
      project.close();
    }
  }

  /** Commits a version whose only asset is {@code a-<label>.css} (the previous one's is deleted from the tree). */
  private static String commitVersion(String label, String extraDockerfileLine) throws IOException {
    Path assets = project.dir.resolve("www/assets");
    if (Files.exists(assets)) {
      try (Stream<Path> files = Files.walk(assets)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
    Files.createDirectories(assets);
    Files.writeString(assets.resolve("a-" + label + ".css"), "body { content: '" + label + "'; }\n");
    String version = project.commitApp(label, extraDockerfileLine);
    versions.put(label, version);
    return version;
  }

  private static HttpLoad.Answer get(TestHost host, String path) throws IOException {
    return HttpLoad.get(host.ip(), HOST_HEADER, path);
  }

  /** Every host serves {@code label}'s page and each of {@code served} assets, and none of {@code gone}. */
  private static void expect(String label, List<String> served, List<String> gone) throws IOException {
    for (TestHost host : project.hosts) {
      assertThat(get(host, "/").body().strip()).as("page on %s", host.ip()).isEqualTo(label);
      for (String asset : served) {
        HttpLoad.Answer answer = get(host, "/assets/a-" + asset + ".css");
        assertThat(answer.status()).as("a-%s.css on %s", asset, host.ip()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("body { content: '" + asset + "'; }\n");
      }
      for (String asset : gone) {
        assertThat(get(host, "/assets/a-" + asset + ".css").status()).as("a-%s.css on %s", asset, host.ip())
            .isEqualTo(404);
      }
    }
  }

  /** The role's extracted and volume directories on {@code host}, as {@code extracted/web-<version>} etc. */
  private static List<String> assetDirectories(TestHost host) {
    String base = ".kamal/apps/" + project.service + "/assets";
    return project.set.ssh(host, "cd " + base + " && ls -d extracted/* volumes/*").requireOk().stdout().lines()
        .sorted().toList();
  }

  private static List<String> directoriesOf(String... labels) {
    return Stream.of(labels).flatMap(label -> Stream.of("extracted/web-" + versions.get(label),
        "volumes/web-" + versions.get(label))).sorted().toList();
  }

  @Test
  @Order(1)
  void theFirstVersionServesItsAssetsFromItsReadOnlyVolume() throws Exception {
    String v1 = commitVersion("v1", "");

    DeployProject.Run run = project.sextant("deploy");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    expect("v1", List.of("v1"), List.of());
    for (TestHost host : project.hosts) {
      assertThat(assetDirectories(host)).containsExactlyElementsOf(directoriesOf("v1"));
      String mounts = project.set.ssh(host, "docker inspect " + project.service + "-web-" + v1
          + " --format '{{json .Mounts}}'").requireOk().stdout();
      assertThat(mounts).as("the asset volume, read-only (asset_path's :ro)")
          .containsPattern("\"Source\":\"/[^\"]*/\\.kamal/apps/" + project.service + "/assets/volumes/web-" + v1
              + "\",\"Destination\":\"/www/assets\"")
          .contains("\"RW\":false");
      assertThat(project.set.ssh(host, "docker ps -a --format '{{.Names}}'").requireOk().stdout())
          .as("the extraction container is gone").doesNotContain(project.service + "-web-assets");
    }
  }

  @Test
  @Order(2)
  void theNextVersionServesItsOwnAssetsAndThePreviousOnesWhichNeverFailMeanwhile() throws Exception {
    commitVersion("v2", "");
    List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicBoolean deploying = new AtomicBoolean(true);
    // A page of v1 still open in a browser keeps asking for a-v1.css while v2 takes over.
    Thread oldPage = new Thread(() -> {
      while (deploying.get()) {
        for (TestHost host : project.hosts) {
          try {
            HttpLoad.Answer answer = get(host, "/assets/a-v1.css");
            if (answer.status() != 200) {
              failures.add(host.ip() + ": HTTP " + answer.status());
            }
          } catch (IOException e) {
            failures.add(host.ip() + ": " + e);
          }
        }
      }
    }, "old-page");
    oldPage.start();
    DeployProject.Run run;
    try {
      run = project.sextant("deploy");
    } finally {
      deploying.set(false);
      oldPage.join(20000);
    }

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(failures).as("a-v1.css while v2 was deployed").isEmpty();
    expect("v2", List.of("v1", "v2"), List.of());
    for (TestHost host : project.hosts) {
      assertThat(assetDirectories(host)).as("v1's directories went once its container stopped")
          .containsExactlyElementsOf(directoriesOf("v2"));
    }
  }

  @Test
  @Order(3)
  void aThirdVersionDropsTheOldestAssets() throws Exception {
    commitVersion("v3", "");

    DeployProject.Run run = project.sextant("deploy");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    expect("v3", List.of("v2", "v3"), List.of("v1"));
    for (TestHost host : project.hosts) {
      assertThat(assetDirectories(host)).containsExactlyElementsOf(directoriesOf("v3"));
    }
  }

  @Test
  @Order(4)
  void aVersionFailingItsHealthCheckLeavesThePreviousOneServingWithItsAssets() throws Exception {
    commitVersion("v4", "RUN rm /www/up");

    DeployProject.Run run = project.sextant("deploy");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    // As in Kamal, v4's files were given to the running version before v4 booted (so they load either way).
    expect("v3", List.of("v2", "v3", "v4"), List.of("v1"));
    for (TestHost host : project.hosts) {
      assertThat(project.running(host)).containsExactly(project.service + "-web-" + versions.get("v3"));
      assertThat(assetDirectories(host)).as("nothing is cleaned up after a failed boot")
          .containsExactlyElementsOf(directoriesOf("v3", "v4"));
    }
  }

  @Test
  @Order(5)
  void anAssetPathMissingFromTheImageFailsBeforeAnyContainerBoots() throws Exception {
    Path config = project.dir.resolve("config/deploy.yml");
    String good = Files.readString(config);
    try {
      Files.writeString(config, good.replace("asset_path: /www/assets:ro", "asset_path: /www/missing"));

      DeployProject.Run run = project.sextant("deploy", "-P");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      for (TestHost host : project.hosts) {
        assertThat(run.stderr()).contains(host.ip() + ": role web: assets failed: extraction of the assets: exit 1:");
      }
      assertThat(run.stderr()).contains("/www/missing").doesNotContain("\tat ");
      assertThat(project.hookNames()).doesNotContain("pre-app-boot").contains("pre-deploy", "post-deploy-failure");
      DeployProject.HookRun failure = project.hookRuns().stream()
          .filter(hook -> hook.hook().equals("post-deploy-failure")).findFirst().orElseThrow();
      assertThat(failure.var("KAMAL_FAILED_STEP")).isEqualTo("app-boot:web");
      assertThat(project.lockPresent()).as("lock released").isFalse();
      expect("v3", List.of("v2", "v3"), List.of("v1"));
    } finally {
      Files.writeString(config, good);
    }
  }

  @Test
  @Order(6)
  void aRollbackBridgesTheOlderVersionsAssetsWithTheRunningOnes() throws Exception {
    // The failed extraction above left its container behind; this extraction removes it first (as Kamal's does).
    DeployProject.Run run = project.sextant("rollback", versions.get("v2"));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    expect("v2", List.of("v2", "v3"), List.of("v1", "v4"));
    for (TestHost host : project.hosts) {
      assertThat(assetDirectories(host)).containsExactlyElementsOf(directoriesOf("v2"));
      assertThat(project.set.ssh(host, "docker ps -a --format '{{.Names}}'").requireOk().stdout())
          .doesNotContain(project.service + "-web-assets");
    }
  }
}

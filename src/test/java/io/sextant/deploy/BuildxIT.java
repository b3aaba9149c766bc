package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.deploy.DeployProject.Run;
import io.sextant.testing.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Builds through the launcher with {@code docker buildx}, as Kamal 2.12 builds, on the real test hosts. The
 * {@code docker} driver (dockerd's own BuildKit) builds and pushes; what it cannot do (cache export, several
 * platforms) fails with buildx's own message before the lock while the running version keeps serving. The
 * {@code docker-container} driver and remote builders are created with Kamal's exact commands; their BuildKit
 * image ({@code moby/buildkit}) cannot be pulled here, so their builds fail with buildx's own error, before the lock.
 * Each run gets a private {@code DOCKER_CONFIG} (buildx keeps its builders and contexts there).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuildxIT {
  DeployProject project;
  String baseConfig;
  Path dockerConfig;
  Path sshBin;
  String versionA;

  @BeforeAll
  void project() throws Exception {
    project = new DeployProject("bx" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
    project.writeConfig("up", "");
    baseConfig = Files.readString(configFile());
    dockerConfig = Files.createDirectories(project.home.resolve("docker-config"));
    Path rootConfig = project.set.dockerConfig().resolve("config.json");
    if (Files.exists(rootConfig)) { // only after a test logged the root docker in; the push logs in itself
      Files.copy(rootConfig, dockerConfig.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
    }
    // Docker reaches an ssh:// context with the OpenSSH client; the user's ~/.ssh/config would name the key.
    sshBin = Files.createDirectories(project.home.resolve("ssh-bin"));
    Path ssh = sshBin.resolve("ssh");
    Files.writeString(ssh, "#!/bin/sh\nexec /usr/bin/ssh -F /dev/null -i " + project.set.privateKey()
        + " -o UserKnownHostsFile=" + project.set.knownHosts() + " -o IdentitiesOnly=yes -o BatchMode=yes \"$@\"\n");
    Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterAll
  void cleanUp() throws IOException {
    if (project != null) {
      project.close();
    }
  }

  private Path configFile() {
    return project.dir.resolve("config/deploy.yml");
  }

  private void builder(String from, String to) throws IOException {
    assertThat(baseConfig).contains(from);
    Files.writeString(configFile(), baseConfig.replace(from, to));
  }

  private Run sextant(String... args) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("DOCKER_CONFIG", dockerConfig.toString());
    env.put("PATH", sshBin + ":" + System.getenv("PATH"));
    return project.sextant(env, args);
  }

  /** The root docker client with this test's DOCKER_CONFIG (and ssh), for what buildx and docker keep. */
  private String docker(String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of("docker"));
    argv.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    builder.environment().put("DOCKER_CONFIG", dockerConfig.toString());
    builder.environment().put("PATH", sshBin + ":" + System.getenv("PATH"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return process.waitFor() + ":" + output;
  }

  private void assertVersionAStillServes() {
    for (TestHost host : project.hosts) {
      assertThat(project.running(host)).as("containers on %s", host.ip())
          .containsExactlyInAnyOrderElementsOf(project.containersOf(versionA));
    }
    assertThat(project.lockPresent()).as("lock directory on the primary host").isFalse();
  }

  @Test
  @Order(1)
  void theDockerDriverBuildsAndPushesWithKamalsBuildxLineThenTheDeployRuns() throws Exception {
    versionA = project.commitApp("A", "");
    String image = project.set.registry().address() + "/sextant/" + project.service;

    Run push = sextant("build", "push", "--verbose", "--no-cache");
    assertThat(push.exitCode()).as("%s", push).isZero();
    // K:test/cli/build_test.rb:27, 145-152: the same line, without --builder for the docker driver.
    assertThat(push.stdout()).contains("docker --version && docker buildx version")
        .contains("docker buildx build --output=type=registry --platform linux/amd64 -t " + image + ":" + versionA
            + " -t " + image + ":latest --label service=\"" + project.service + "\" --file Dockerfile --no-cache . 2>&1");
    assertThat(project.set.docker("inspect", "-f", "{{ .Config.Labels.service }}", image + ":" + versionA)
        .requireOk().stdout().strip()).isEqualTo(project.service);

    Run details = sextant("build", "details");
    assertThat(details.exitCode()).as("%s", details).isZero();
    assertThat(details.stdout()).contains("Builder: local").contains("default");

    // K:test/cli/build_test.rb:405-416: the working directory, tagged -dirty, into the local Docker.
    Files.writeString(project.dir.resolve("www/index.html"), "dev\n");
    Run dev = sextant("build", "dev", "--verbose");
    assertThat(dev.exitCode()).as("%s", dev).isZero();
    assertThat(dev.stdout()).contains("docker buildx build --output=type=docker --platform linux/amd64 -t " + image
        + ":" + versionA + "-dirty -t " + image + ":latest-dirty --label service=\"" + project.service + "\"");
    assertThat(project.set.docker("image", "inspect", image + ":" + versionA + "-dirty").ok()).isTrue();
    project.git("checkout", "--", "www/index.html");

    Run deploy = sextant("deploy");
    assertThat(deploy.exitCode()).as("%s", deploy).isZero();
    assertVersionAStillServes();
  }

  @Test
  @Order(2)
  void aRegistryCacheTheDockerDriverCannotExportFailsWithBuildxsMessageBeforeTheLock() throws Exception {
    builder("  arch: amd64\n", "  arch: amd64\n  cache:\n    type: registry\n    options: mode=max\n");
    String versionB = project.commitApp("B", "");
    String cache = project.set.registry().address() + "/sextant/" + project.service + "-build-cache";

    Run deploy = sextant("deploy", "--verbose", "--no-cache");

    assertThat(deploy.exitCode()).as("%s", deploy).isEqualTo(1);
    assertThat(deploy.stdout()).contains("--cache-to type=registry,ref=" + cache + ",mode=max --cache-from"
        + " type=registry,ref=" + cache + " --label").contains(" --file Dockerfile --no-cache . 2>&1");
    assertThat(deploy.stderr()).as("%s", deploy).contains("Cache export is not supported for the docker driver")
        .doesNotContain("\tat ");
    assertThat(project.hookNames()).doesNotContain("pre-deploy");
    assertThat(project.containersOf(versionB)).noneMatch(name -> project.running(project.hosts.get(0)).contains(name));
    assertVersionAStillServes();
  }

  @Test
  @Order(3)
  void twoPlatformsAreOneBuildxLineAndTheDockerDriverRefusesThem() throws Exception {
    builder("  arch: amd64\n", "  arch:\n    - amd64\n    - arm64\n");

    Run push = sextant("build", "push", "--verbose");

    assertThat(push.exitCode()).as("%s", push).isEqualTo(1);
    assertThat(push.stdout()).contains("docker buildx build --output=type=registry --platform linux/amd64,linux/arm64 -t ");
    assertThat(push.stderr()).contains("Multi-platform build is not supported for the docker driver");
  }

  @Test
  @Order(4)
  void theDefaultDockerContainerBuilderIsCreatedAsKamalDoesAndRemoved() throws Exception {
    builder("  driver: docker\n", "");

    Run push = sextant("build", "push", "--verbose");

    // K:test/cli/build_test.rb:234-268: inspect fails, so remove and create, then build with --builder.
    assertThat(push.stdout()).contains("docker buildx inspect kamal-local-docker-container")
        .contains("docker buildx create --name kamal-local-docker-container --driver=docker-container")
        .contains("docker buildx build --output=type=registry --platform linux/amd64 --builder"
            + " kamal-local-docker-container -t ");
    assertThat(push.stderr()).contains("Missing compatible builder, so creating a new one first");
    // Its BuildKit image cannot be pulled here: buildx's own error, as with Kamal.
    assertThat(push.exitCode()).as("%s", push).isEqualTo(1);
    assertThat(push.stderr()).contains("booting buildkit");
    assertThat(docker("buildx", "ls")).contains("kamal-local-docker-container");

    Run remove = sextant("build", "remove");
    assertThat(remove.exitCode()).as("%s", remove).isZero();
    assertThat(docker("buildx", "ls")).doesNotContain("kamal-local-docker-container");
    assertVersionAStillServes();
  }

  @Test
  @Order(5)
  void aRemoteBuilderIsADockerContextOverSshAndABuildxBuilder() throws Exception {
    TestHost remoteHost = project.hosts.get(1);
    String remote = "ssh://root@" + remoteHost.ip();
    String name = "kamal-remote-ssh---root-" + remoteHost.ip().replace('.', '-');
    builder("  arch: amd64\n  driver: docker\n", "  arch: amd64\n  local: false\n  remote: " + remote + "\n");

    Run create = sextant("build", "create", "--verbose");
    assertThat(create.exitCode()).as("%s", create).isZero();
    // K:test/cli/build_test.rb:347-353
    assertThat(create.stdout()).contains("docker context create " + name + "-context --description '" + name
        + " host' --docker 'host=" + remote + "' ; docker buildx create --name " + name + " " + name + "-context");
    assertThat(docker("context", "inspect", name + "-context", "--format", "{{.Endpoints.docker.Host}}"))
        .isEqualTo("0:" + remote + "\n");
    // The context reaches the host's own Docker over SSH.
    assertThat(docker("--context", name + "-context", "info", "--format", "{{.Name}}")).startsWith("0:");
    assertThat(docker("buildx", "inspect", name)).startsWith("0:").contains("Endpoint:").contains(name + "-context");

    Run details = sextant("build", "details");
    assertThat(details.stdout()).contains("Builder: remote").contains(name);

    Run push = sextant("build", "push", "--verbose");
    // K:test/cli/build_test.rb:46-47: the builder check, then the build with BUILDKIT_NO_CLIENT_TOKEN.
    assertThat(push.stdout()).contains("docker buildx inspect " + name + " | grep -q Endpoint:.*" + name
        + "-context && docker context inspect " + name + "-context --format '{{.Endpoints.docker.Host}}' | grep -xq "
        + remote + " || (echo no compatible builder && exit 1)")
        .contains("docker buildx build --output=type=registry --platform linux/amd64 --builder " + name + " -t ");
    // The remote BuildKit container's image cannot be pulled on the host: buildx's own error.
    assertThat(push.exitCode()).as("%s", push).isEqualTo(1);
    assertThat(push.stderr()).contains("booting buildkit");

    Run remove = sextant("build", "remove");
    assertThat(remove.exitCode()).as("%s", remove).isZero();
    assertThat(docker("context", "inspect", name + "-context")).doesNotStartWith("0:");
    assertVersionAStillServes();
  }
}

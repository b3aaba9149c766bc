package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Whatever Sextant cannot do with a configuration is refused through the launcher before the first hook, build,
 * push, connection or lock: exit 2, one line naming the key, no hook run ({@code pre-connect} included) and no
 * {@code .kamal/hooks.log}, no image in the registry, no lock directory and no audit line on the primary host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreflightIT {
  DeployProject project;
  String baseConfig;

  @BeforeAll
  void project() throws Exception {
    project = new DeployProject("pf" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
    project.writeConfig("up", "");
    baseConfig = Files.readString(configFile());
    project.commitApp("one", "");
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

  private void configure(String from, String to, String extra) throws IOException {
    assertThat(baseConfig).contains(from);
    Files.writeString(configFile(), baseConfig.replace(from, to) + extra);
  }

  /** Runs the command and checks that it was refused with {@code line} and left no trace anywhere. */
  private void refused(String line, String... args) throws Exception {
    DeployProject.Run run = project.sextant(args);
    assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
    assertThat(run.stderr()).as("%s", run).contains(line).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(project.hookRuns()).as("hooks run").isEmpty();
    assertThat(project.dir.resolve(".kamal/hooks.log")).doesNotExist();
    assertThat(project.lockPresent()).as("lock directory on the primary host").isFalse();
    assertThat(project.remoteAudit(project.hosts.get(0))).as("audit lines").isEmpty();
    assertThat(registryStatus()).as("tags of the image in the registry").isEqualTo(404);
  }

  /** The HTTP status of the image's tag list: 404 while nothing was ever pushed. */
  private int registryStatus() throws Exception {
    var registry = project.set.registry();
    String auth = Base64.getEncoder().encodeToString(
        (registry.username() + ":" + registry.password()).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://" + registry.address() + "/v2/sextant/" + project.service + "/tags/list"))
        .header("Authorization", "Basic " + auth).GET().build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void aCustomCertificateMissingFromTheSecretsIsRefusedBeforeDeployRuns() throws Exception {
    configure("    proxy: false\n", "    proxy:\n      host: app.example.com\n      ssl:\n"
        + "        certificate_pem: CERT_PEM\n        private_key_pem: KEY_PEM\n", "");
    refused("proxy/ssl (role web): Secret 'CERT_PEM' not found in .kamal/secrets", "deploy");
  }

  @Test
  void aBuildpackBuildWithoutThePackCliIsRefusedBeforeDeployRuns() throws Exception {
    configure("builder:\n  arch: amd64\n", "builder:\n  arch: amd64\n  pack:\n    builder: heroku/builder:24\n", "");
    refused("builder/pack: the pack CLI (Cloud Native Buildpacks) is not installed locally", "deploy");
    refused("builder/pack: the pack CLI (Cloud Native Buildpacks) is not installed locally", "build", "push");
  }

  @Test
  void withoutTheBuildxPlugInTheInstallStepIsNamedBeforeDeployRuns() throws Exception {
    Path bin = Files.createDirectories(project.dir.resolve(".no-buildx-bin"));
    Path docker = bin.resolve("docker");
    // A docker CLI without the plug-in: buildx answers as docker does when it cannot find it.
    Files.writeString(docker, "#!/bin/sh\nif [ \"$1\" = buildx ]; then\n"
        + "  echo \"docker: 'buildx' is not a docker command.\" >&2; exit 1\nfi\nPATH=${PATH#*:} exec docker \"$@\"\n");
    Files.setPosixFilePermissions(docker, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    configure("builder:\n", "builder:\n", "");
    DeployProject.Run run = project.sextant(java.util.Map.of("PATH", bin + ":" + System.getenv("PATH")), "deploy");
    assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
    assertThat(run.stderr()).as("%s", run).contains("Docker buildx plugin is not installed locally")
        .contains("docker-buildx").doesNotContain("\tat ");
    assertThat(project.hookRuns()).as("hooks run").isEmpty();
    assertThat(project.lockPresent()).isFalse();
    assertThat(registryStatus()).isEqualTo(404);
  }

  @Test
  void anAccessorysMissingSecretOrFileIsRefusedBeforeAnythingRuns() throws Exception {
    configure("builder:\n", "builder:\n", "accessories:\n  db:\n    image: busybox\n    host: "
        + project.hosts.get(1).ip() + "\n    env:\n      secret: [DB_PASSWORD]\n");
    refused("accessories/db/env/secret: Secret 'DB_PASSWORD' not found in .kamal/secrets", "setup");
    refused("accessories/db/env/secret: Secret 'DB_PASSWORD' not found in .kamal/secrets", "accessory", "boot", "db");
    configure("builder:\n", "builder:\n", "accessories:\n  db:\n    image: busybox\n    host: "
        + project.hosts.get(1).ip() + "\n    files: [config/nope.cnf:/etc/nope.cnf]\n");
    refused("accessories/db/files: Missing file: config/nope.cnf", "accessory", "boot", "db");
    refused("accessories/db/files: Missing file: config/nope.cnf", "accessory", "upload", "db");
  }

  @Test
  void aSecretMissingFromTheSecretsFilesIsRefusedBeforeTheBuildNotAtTheBoot() throws Exception {
    configure("builder:\n", "builder:\n", "env:\n  secret:\n    - MISSING_SECRET\n");
    refused("env/secret (role web): Secret 'MISSING_SECRET' not found in .kamal/secrets", "deploy");
    refused("env/secret (role workers): Secret 'MISSING_SECRET' not found in .kamal/secrets", "app", "boot");
  }

  @Test
  void everyProblemIsNamedAtOnce() throws Exception {
    configure("builder:\n", "builder:\n", "env:\n  secret:\n    - MISSING_SECRET\n");
    String packBuild = Files.readString(configFile()).replace("builder:\n  arch: amd64\n",
        "builder:\n  arch: amd64\n  pack:\n    builder: heroku/builder:24\n");
    Files.writeString(configFile(), packBuild);
    DeployProject.Run run = project.sextant("deploy");
    assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
    assertThat(run.stderr()).contains("env/secret (role web): Secret 'MISSING_SECRET' not found in .kamal/secrets")
        .contains("builder/pack: the pack CLI");
    assertThat(project.hookRuns()).isEmpty();
    assertThat(project.lockPresent()).isFalse();
  }
}

package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.build.BuildSupport;
import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.ConfigurationException;
import io.sextant.config.DeployConfig;
import io.sextant.config.HostSelection;
import io.sextant.config.Secrets;
import io.sextant.deploy.Preflight.Need;
import io.sextant.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Sextant cannot do with a configuration, per command need, all at once and one line each. */
class PreflightTest {
  @TempDir Path dir;

  private static final Supplier<Secrets> NO_SECRETS = () -> {
    throw new AssertionError("no secret is needed here");
  };

  private Preflight preflight;

  /** A stand-in docker whose buildx answers, and no pack: only the pack CLI is missing here. */
  @org.junit.jupiter.api.BeforeEach
  void standInDocker(@TempDir Path bin) throws IOException {
    Path docker = bin.resolve("docker");
    Files.writeString(docker, "#!/bin/sh\necho 'fake docker'\n");
    Files.setPosixFilePermissions(docker, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    preflight = new Preflight(new BuildSupport(new ProcessRunner(List.of(bin),
        Map.of("PATH", bin + ":/nonexistent"))));
  }

  private static HostSelection all(DeployConfig config) {
    return HostSelection.all(config);
  }

  private DeployConfig load(String rest) throws IOException {
    return load("registry:\n  username: dhh\n  password: pw\n", rest);
  }

  private DeployConfig load(String registry, String rest) throws IOException {
    Path file = dir.resolve("config/deploy.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "service: app\nimage: dhh/app\n" + registry
        + (rest.contains("builder:") ? "" : "builder:\n  arch: amd64\n") + rest);
    return ConfigLoader.load(new ConfigRequest(dir, null, null, "1", Map.of())).config();
  }

  @Test
  void aLocalRegistryNeedsAPortBeforeAnythingBuildsPullsOrSetsItUp() throws IOException {
    DeployConfig portless = load("registry:\n  server: 'localhost:'\n", "servers: [1.1.1.1]\n");
    for (Need need : List.of(Need.BUILD, Need.PULL, Need.REGISTRY)) {
      assertThat(preflight.problems(portless, NO_SECRETS, all(portless), EnumSet.of(need))).as(need.name())
          .containsExactly("registry/server: a local registry is localhost:PORT with a port from 1 to 65535, got"
              + " 'localhost:'");
    }
    assertThat(preflight.problems(portless, NO_SECRETS, all(portless), EnumSet.of(Need.BOOT))).isEmpty();
    DeployConfig local = load("registry:\n  server: localhost:5555\n", "servers: [1.1.1.1]\n");
    assertThat(preflight.problems(local, NO_SECRETS, all(local), EnumSet.of(Need.BUILD, Need.PULL, Need.REGISTRY)))
        .as("no credentials to look up").isEmpty();
  }

  @Test
  void registrySetupLooksUpTheRegistrySecretsFirst() throws IOException {
    DeployConfig config = load("registry:\n  username: dhh\n  password: [KAMAL_REGISTRY_PASSWORD]\n",
        "servers: [1.1.1.1]\n");
    Supplier<Secrets> none = () -> new Secrets(Map.of(), List.of(".kamal/secrets"));
    assertThat(preflight.problems(config, none, all(config), EnumSet.of(Need.REGISTRY)))
        .singleElement().asString().startsWith("registry/password: ").contains("KAMAL_REGISTRY_PASSWORD");
  }

  @Test
  void rolesBehindTheProxyBoot() throws IOException {
    DeployConfig config = load("servers:\n  web:\n    hosts: [1.1.1.1]\n  api:\n    hosts: [1.1.1.3]\n"
        + "    proxy:\n      app_port: 3000\nproxy:\n  host: app.example.com\n");
    assertThat(config.roles()).allMatch(config::runsProxy);
    assertThat(preflight.problems(config, NO_SECRETS, all(config), EnumSet.of(Need.BOOT))).isEmpty();
  }

  @Test
  void assetPathBootsOnEveryRole() throws IOException {
    // Bridged behind the proxy, ignored elsewhere, as Kamal does (K:lib/kamal/configuration/role.rb:137-139).
    DeployConfig config = load("servers:\n  web:\n    hosts: [1.1.1.1]\n    asset_path: /rails/public/assets\n"
        + "  workers:\n    hosts: [1.1.1.2]\n    asset_path: /rails/public/assets\nasset_path: /app/assets\n");
    assertThat(preflight.problems(config, NO_SECRETS, all(config), EnumSet.of(Need.BOOT, Need.SETUP))).isEmpty();
  }

  @Test
  void customCertificatesNeedTheirSecretsBeforeAnythingRuns() throws IOException {
    DeployConfig config = load("servers:\n  - 1.1.1.1\nproxy:\n  host: app.example.com\n  ssl:\n"
        + "    certificate_pem: CERT_PEM\n    private_key_pem: KEY_PEM\n");
    Secrets secrets = new Secrets(Map.of("CERT_PEM", "-----BEGIN CERTIFICATE-----"), List.of(".kamal/secrets"));
    assertThat(preflight.problems(config, () -> secrets, all(config), EnumSet.of(Need.BOOT))).containsExactly(
        "proxy/ssl (role web): Secret 'KEY_PEM' not found in .kamal/secrets");
    Secrets both = new Secrets(Map.of("CERT_PEM", "c", "KEY_PEM", "k"), List.of(".kamal/secrets"));
    assertThat(preflight.problems(config, () -> both, all(config), EnumSet.of(Need.BOOT))).isEmpty();

  }

  @Test
  void onlyTheSelectedRolesAndTheNeedsOfTheCommandCount() throws IOException {
    DeployConfig config = load("servers:\n  web:\n    hosts: [1.1.1.1]\n  workers:\n    hosts: [1.1.1.2]\n");
    assertThat(preflight.problems(config, NO_SECRETS,
        HostSelection.select(config, null, "workers", false), EnumSet.of(Need.BOOT)))
        .isEmpty();
    assertThat(preflight.problems(config, NO_SECRETS, all(config), EnumSet.noneOf(Need.class))).isEmpty();
    assertThat(preflight.problems(config, NO_SECRETS, all(config), EnumSet.of(Need.BUILD))).isEmpty();
  }

  @Test
  void everyProblemOfACommandIsReportedAtOnce() throws IOException {
    DeployConfig config = load("servers:\n  - 1.1.1.1\n"
        + "builder:\n  arch: amd64\n  pack:\n    builder: heroku/builder:24\n"
        + "accessories:\n  db:\n    image: mysql:8\n    host: 1.1.1.1\n");
    assertThatThrownBy(() -> preflight.check(config, NO_SECRETS, all(config), EnumSet.of(Need.BOOT, Need.BUILD, Need.SETUP)))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactly(
            "builder/pack: the pack CLI (Cloud Native Buildpacks) is not installed locally: install it, or remove"
                + " builder/pack to build from a Dockerfile"));
  }

  @Test
  void accessoriesAreNoProblemForSetupRemoveOrDeploy() throws IOException {
    DeployConfig config = load("servers:\n  web:\n    hosts: [1.1.1.1]\n    proxy: false\n"
        + "accessories:\n  db:\n    image: mysql:8\n    host: 1.1.1.1\n");
    assertThat(preflight.problems(config, NO_SECRETS, all(config), EnumSet.of(Need.BOOT, Need.BUILD))).isEmpty();
    assertThat(preflight.problems(config, NO_SECRETS, all(config), EnumSet.of(Need.SETUP))).isEmpty();
    assertThat(preflight.problems(config, NO_SECRETS, all(config), EnumSet.of(Need.REMOVE))).isEmpty();
  }

  @Test
  void anAccessorysMissingSecretStopsSetupAndAccessoryBootBeforeAnythingRuns() throws IOException {
    DeployConfig config = load("servers:\n  web:\n    hosts: [1.1.1.1]\n    proxy: false\n"
        + "accessories:\n  db:\n    image: mysql:8\n    host: 1.1.1.1\n    env:\n      secret: [DB_PASSWORD]\n");
    for (Need need : List.of(Need.SETUP, Need.ACCESSORIES)) {
      assertThat(preflight.problems(config, () -> new Secrets(Map.of(), List.of(".kamal/secrets")), all(config),
          EnumSet.of(need))).singleElement().asString().startsWith("accessories/db/env/secret: ").contains("DB_PASSWORD");
    }
    assertThat(preflight.problems(config, NO_SECRETS, all(config), EnumSet.of(Need.BOOT))).isEmpty();
  }

  @Test
  void theSecretsTheCommandWillLookUpMustBeInTheSecretsFiles() throws IOException {
    DeployConfig config = load("registry:\n  username: dhh\n  password: [KAMAL_REGISTRY_PASSWORD]\n",
        "servers:\n  web:\n    hosts: [1.1.1.1, 1.1.1.2: [eu]]\n    proxy: false\n"
        + "  workers:\n    hosts: [1.1.1.3]\n    env:\n      secret: [JOBS_KEY]\n"
        + "env:\n  secret: [DB_PASSWORD]\n  tags:\n    eu:\n      secret: [EU_KEY]\n");
    Secrets secrets = new Secrets(Map.of("DB_PASSWORD", "x"), List.of(".kamal/secrets"));
    assertThat(preflight.problems(config, () -> secrets, all(config), EnumSet.of(Need.PULL, Need.BOOT)))
        .containsExactly(
            "registry/password: Secret 'KAMAL_REGISTRY_PASSWORD' not found in .kamal/secrets",
            "env/secret (role web): Secret 'EU_KEY' not found in .kamal/secrets",
            "env/secret (role workers): Secret 'JOBS_KEY' not found in .kamal/secrets");
    // Only the selected hosts' tags and roles count.
    assertThat(preflight.problems(config, () -> secrets, HostSelection.select(config, "1.1.1.1", null, false),
        EnumSet.of(Need.BOOT))).isEmpty();
  }
}

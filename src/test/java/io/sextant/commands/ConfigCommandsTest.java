package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.DeployConfig;
import io.sextant.config.LoadedConfig;
import io.sextant.config.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builders fed from a real deploy.yml, as Kamal's command tests build theirs from a config hash. */
class ConfigCommandsTest {
  @TempDir Path dir;

  private LoadedConfig load(String yaml, String destination) throws IOException {
    write("config/deploy.yml", yaml);
    write(".kamal/secrets", "KAMAL_REGISTRY_PASSWORD=pw\nRAILS_MASTER_KEY=456\nDB_PASSWORD=db-secret\n");
    return ConfigLoader.load(new ConfigRequest(dir, null, destination, "999", Map.of()));
  }

  private void write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static final String CONFIG = """
      service: app
      image: dhh/app
      registry:
        server: registry.example.com:5000
        username: dhh
        password:
          - KAMAL_REGISTRY_PASSWORD
      servers:
        web:
          hosts:
            - 1.1.1.1
          proxy: false
        jobs:
          hosts:
            - 1.1.1.2: [tag1]
          cmd: bin/jobs
          options:
            cap-add: true
            mount: somewhere
          labels:
            team: jobs
          logging:
            options:
              max-size: 100m
          env:
            clear:
              QUEUE: default
            secret:
              - DB_PASSWORD
      env:
        clear:
          RAILS_ENV: production
        secret:
          - RAILS_MASTER_KEY
        tags:
          tag1:
            ENV1: value1
      labels:
        owner: ops
      volumes:
        - /data:/data
      logging:
        driver: local
        options:
          max-file: "3"
      builder:
        arch: amd64
        dockerfile: Dockerfile.prod
        target: prod
        args:
          RUBY_VERSION: "3.3"
      """;

  @Test
  void dockerRunOfARoleFromTheConfiguration() throws IOException {
    LoadedConfig loaded = load(CONFIG, null);
    DeployConfig config = loaded.config();
    Role jobs = config.role("jobs").orElseThrow();

    assertThat(AppCommands.of(config, jobs, loaded.version()).run(ContainerSpec.of(config, jobs), "1.1.1.2", null))
        .isEqualTo("docker run --detach --restart unless-stopped --name app-jobs-999 --network kamal"
            + " --env KAMAL_CONTAINER_NAME=app-jobs-999 --env KAMAL_VERSION=999 --env KAMAL_HOST=1.1.1.2"
            + " --env-file .kamal/apps/app/env/roles/jobs.env --log-driver local --log-opt max-file=3"
            + " --log-opt max-size=100m --volume /data:/data --label service=app --label role=jobs"
            + " --label destination --label owner=ops --label team=jobs --cap-add --mount somewhere"
            + " registry.example.com:5000/dhh/app:999 bin/jobs");
  }

  @Test
  void envFileHasRootRoleAndTagVariablesWithSecretValues() throws IOException {
    LoadedConfig loaded = load(CONFIG, null);
    DeployConfig config = loaded.config();

    assertThat(EnvFile.variables(config, config.role("jobs").orElseThrow(), "1.1.1.2", loaded.secrets()))
        .containsExactly(Map.entry("RAILS_ENV", "production"), Map.entry("QUEUE", "default"),
            Map.entry("ENV1", "value1"), Map.entry("RAILS_MASTER_KEY", "456"), Map.entry("DB_PASSWORD", "db-secret"));
    assertThat(EnvFile.variables(config, config.role("web").orElseThrow(), "1.1.1.1", loaded.secrets()))
        .containsExactly(Map.entry("RAILS_ENV", "production"), Map.entry("RAILS_MASTER_KEY", "456"));
  }

  @Test
  void buildAndRegistryFromTheConfiguration() throws IOException {
    LoadedConfig loaded = load(CONFIG, null);
    DeployConfig config = loaded.config();

    assertThat(BuilderCommands.line(BuilderCommands.of(config, "999", "amd64", Map.of()).push("registry", false, false)))
        .isEqualTo("docker buildx build --output=type=registry --platform linux/amd64 --builder kamal-local-docker-container"
            + " -t registry.example.com:5000/dhh/app:999 -t registry.example.com:5000/dhh/app:latest"
            + " --label service=\"app\" --build-arg RUBY_VERSION=\"3.3\" --file Dockerfile.prod --target prod . 2>&1");
    assertThat(RegistryCommands.of(config.registry(), loaded.secrets()).orElseThrow().login())
        .isEqualTo("docker login registry.example.com:5000 -u dhh --password-stdin");
    assertThat(PruneCommands.of(config).appContainers(config.retainContainers()))
        .startsWith("docker ps -q -a --filter label=service=app --filter label=destination= ")
        .contains("tail -n +6");
  }

  @Test
  void destinationNamesEverything() throws IOException {
    write("config/deploy.staging.yml", "servers:\n  web:\n    hosts:\n      - 2.2.2.2\n    proxy: false\n");
    LoadedConfig loaded = load(CONFIG, "staging");
    DeployConfig config = loaded.config();
    AppCommands web = AppCommands.of(config, config.role("web").orElseThrow(), loaded.version());

    assertThat(web.containerName()).isEqualTo("app-web-staging-999");
    assertThat(web.envFile()).isEqualTo(".kamal/apps/app-staging/env/roles/web.env");
    assertThat(web.latestImage()).isEqualTo("registry.example.com:5000/dhh/app:latest-staging");
  }
}

package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accessories read as Kamal reads them, after
 * https://github.com/basecamp/kamal/blob/v2.12.0/test/configuration/accessory_test.rb (same configuration).
 */
class AccessoryConfigTest {
  @TempDir Path dir;

  private static final String CONFIG = """
      service: app
      image: dhh/app
      registry: {username: dhh, password: secret}
      servers:
        web: [{1.1.1.1: writer}, {1.1.1.2: reader}]
        workers: [{1.1.1.3: writer}, 1.1.1.4]
      builder: {arch: amd64}
      env: {REDIS_URL: "redis://x/y"}
      accessories:
        mysql:
          image: public.registry/mysql:8.0
          host: 1.1.1.5
          port: "3306"
          env:
            clear: {MYSQL_ROOT_HOST: "%"}
            secret: [MYSQL_ROOT_PASSWORD]
          files:
            - config/mysql/my.cnf:/etc/mysql/my.cnf
            - db/structure.sql:/docker-entrypoint-initdb.d/structure.sql
          directories: [data:/var/lib/mysql]
        redis:
          image: redis:latest
          hosts: [1.1.1.6, 1.1.1.7]
          port: "6379:6379"
          labels: {cache: "true"}
          env: {SOMETHING: else}
          volumes: [/var/lib/redis:/data]
          options: {cpus: "4", memory: 2GB}
        monitoring:
          service: custom-monitoring
          image: monitoring:latest
          registry: {server: other.registry, username: user, password: pw}
          role: web
          port: "4321:4321"
          proxy: {host: monitoring.example.com}
        proxy:
          image: proxy:latest
          tags: [writer, reader]
        logger:
          image: logger:latest
          tag: writer
      """;

  private DeployConfig load(String yaml) throws IOException {
    Path file = dir.resolve("config/deploy.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
    return ConfigLoader.load(new ConfigRequest(dir, null, null, null, Map.of())).config();
  }

  private Accessory accessory(DeployConfig config, String name) {
    return config.accessories().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void serviceNameImageRegistryAndPort() throws IOException {
    // accessory_test.rb#L88-L112
    DeployConfig config = load(CONFIG);
    assertThat(accessory(config, "mysql").service()).isEqualTo("app-mysql");
    assertThat(accessory(config, "monitoring").service()).isEqualTo("custom-monitoring");
    assertThat(accessory(config, "mysql").fullImage()).isEqualTo("public.registry/mysql:8.0");
    assertThat(accessory(config, "monitoring").fullImage()).isEqualTo("other.registry/monitoring:latest");
    assertThat(accessory(config, "mysql").registry()).isNull();
    assertThat(accessory(config, "monitoring").registry().server()).isEqualTo("other.registry");
    assertThat(accessory(config, "mysql").port()).isEqualTo("3306:3306");
    assertThat(accessory(config, "redis").port()).isEqualTo("6379:6379");
  }

  @Test
  void hostsFromHostHostsRoleAndTagsInKamalsOrder() throws IOException {
    // accessory_test.rb#L114-L120 and L140-L142
    DeployConfig config = load(CONFIG);
    assertThat(accessory(config, "mysql").hosts()).containsExactly("1.1.1.5");
    assertThat(accessory(config, "redis").hosts()).containsExactly("1.1.1.6", "1.1.1.7");
    assertThat(accessory(config, "monitoring").hosts()).containsExactly("1.1.1.1", "1.1.1.2");
    assertThat(accessory(config, "proxy").hosts()).containsExactly("1.1.1.1", "1.1.1.3", "1.1.1.2");
    assertThat(accessory(config, "logger").hosts()).containsExactly("1.1.1.1", "1.1.1.3");
    assertThat(config.allHosts())
        .containsExactly("1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4", "1.1.1.5", "1.1.1.6", "1.1.1.7");
  }

  @Test
  void twoPlacementKeysAreRefusedWithKamalsWords() throws IOException {
    // accessory_test.rb#L130-L138
    String both = CONFIG.replace("host: 1.1.1.5", "host: 1.1.1.5\n    roles: [web]");
    assertThatThrownBy(() -> load(both)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("accessories/mysql: specify one of `host`, `hosts`, `role`, `roles`, `tag` or `tags`");
  }

  @Test
  void pathsWithDefaultModesAndHashForms() throws IOException {
    // accessory_test.rb#L185-L304
    DeployConfig config = load(CONFIG.replace("directories: [data:/var/lib/mysql]", "directories: [data:/var/lib/mysql,"
        + " {local: /srv/x, remote: /x, mode: \"0750\", owner: \"1000:1000\", options: z}]"));
    Accessory mysql = accessory(config, "mysql");
    assertThat(mysql.files().get(0))
        .isEqualTo(new AccessoryPath("config/mysql/my.cnf", "/etc/mysql/my.cnf", null, "755", null));
    assertThat(mysql.directories().get(0)).isEqualTo(new AccessoryPath("data", "/var/lib/mysql", null, null, null));
    assertThat(mysql.directories().get(1)).isEqualTo(new AccessoryPath("/srv/x", "/x", "z", "0750", "1000:1000"));
  }

  @Test
  void optionsRestartPolicyAndNetwork() throws IOException {
    // accessory_test.rb#L306-L329
    DeployConfig config = load(CONFIG.replace("memory: 2GB}", "memory: 2GB, restart: always}"));
    Accessory redis = accessory(config, "redis");
    assertThat(redis.restartPolicy()).isEqualTo("always");
    assertThat(redis.dockerOptions()).extracting(Map.Entry::getKey).containsExactly("cpus", "memory");
    assertThat(accessory(config, "mysql").restartPolicy()).isEqualTo("unless-stopped");
    assertThat(accessory(config, "mysql").network()).isEqualTo("kamal");
    assertThat(accessory(config, "monitoring").runsProxy()).isTrue();
    assertThat(accessory(config, "mysql").runsProxy()).isFalse();
  }

  @Test
  void erbFilesAreRenderedWithTheAccessoryEnv() throws IOException {
    // accessory_test.rb#L171-L183: clear values and secrets are in ENV while the template renders
    DeployConfig config = load(CONFIG);
    Accessory mysql = accessory(config, "mysql");
    Files.writeString(dir.resolve("structure.sql.erb"), "host <%= ENV[\"MYSQL_ROOT_HOST\"] %> pw <%= ENV['PW'] %>\n");
    byte[] content = AccessoryFiles.content(mysql, new AccessoryPath("structure.sql.erb", "/s.sql", null, "755", null),
        dir, Map.of(), Map.of("MYSQL_ROOT_HOST", "%", "PW", "secret123"));
    assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("host % pw secret123\n");
    assertThatThrownBy(() -> AccessoryFiles.content(mysql, mysql.files().get(0), dir, Map.of(), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("accessories/mysql/files: Missing file: config/mysql/my.cnf");
  }
}

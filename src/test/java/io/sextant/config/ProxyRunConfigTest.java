package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code proxy: run:} loading and Kamal's checks of it (configuration/proxy/run.rb, validator/proxy.rb). */
class ProxyRunConfigTest {
  @TempDir Path dir;

  private static final String BASE = """
      service: app
      image: dhh/app
      registry:
        username: dhh
        password: secret
      builder:
        arch: amd64
      """;

  private DeployConfig load(String yaml) throws IOException {
    Path file = dir.resolve("config/deploy.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, BASE + yaml);
    return ConfigLoader.load(new ConfigRequest(dir, null, null, "123", Map.of())).config();
  }

  @Test
  void defaultsAreKamals() throws IOException {
    ProxyRun run = load("servers: [1.1.1.1]\nproxy:\n  run:\n    debug: false\n").proxyRun("1.1.1.1").orElseThrow();
    assertThat(run.image()).isEqualTo("basecamp/kamal-proxy:v0.9.2");
    assertThat(run.publish()).isTrue();
    assertThat(run.httpPort()).isEqualTo("80");
    assertThat(run.httpsPort()).isEqualTo("443");
    assertThat(run.logMaxSize()).isEqualTo("10m");
    assertThat(run.metricsPort()).isNull();
  }

  @Test
  void noRunWithoutARunSection() throws IOException {
    assertThat(load("servers: [1.1.1.1]\nproxy:\n  host: a.example.com\n").proxyRun("1.1.1.1")).isEmpty();
  }

  @Test
  void proxyHostsAreThoseOfProxiedRolesAndAccessories() throws IOException {
    DeployConfig config = load("""
        servers:
          web: [1.1.1.1]
          jobs: [1.1.1.2]
          api:
            hosts: [1.1.1.3]
            proxy: true
        accessories:
          db:
            image: mysql
            host: 1.1.1.4
          files:
            image: minio
            host: 1.1.1.5
            proxy:
              host: files.example.com
        """);
    assertThat(config.proxyHosts()).containsExactly("1.1.1.1", "1.1.1.3", "1.1.1.5");
  }

  @Test
  void identicalInheritedRunsDoNotConflict() throws IOException {
    // run_test.rb:32-57
    DeployConfig config = load("""
        servers:
          web: [1.1.1.1]
          worker:
            hosts: [1.1.1.1]
            cmd: bin/jobs
            proxy:
              hosts: [worker.example.com]
              app_port: 8080
        proxy:
          hosts: [example.com]
          run:
            log_max_size: ""
            options:
              log-driver: journald
        """);
    assertThat(config.proxyRuns("1.1.1.1")).hasSize(2);
    assertThat(config.proxyRun("1.1.1.1").orElseThrow().logMaxSize()).isEmpty();
  }

  @Test
  void differentRunsOnOneHostConflict() {
    // configuration.rb ensure_no_conflicting_proxy_runs
    assertThatThrownBy(() -> load("""
        servers:
          web: [1.1.1.1]
          worker:
            hosts: [1.1.1.1]
            proxy:
              host: worker.example.com
              run:
                http_port: 8080
        proxy:
          host: example.com
          run:
            log_max_size: 20m
        """)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Conflicting proxy run configurations for host 1.1.1.1");
  }

  @Test
  void portsNeedPublishing() {
    // validator/proxy.rb
    assertThatThrownBy(() -> load("servers: [1.1.1.1]\nproxy:\n  run:\n    publish: false\n    http_port: 8080\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("proxy/run: Cannot set http_port, https_port or bind_ips when publish is false");
  }

  @Test
  void bindAddressesMustBeAddresses() {
    assertThatThrownBy(() -> load("servers: [1.1.1.1]\nproxy:\n  run:\n    bind_ips: [127.0.0.1, localhost]\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("proxy/run/bind_ips: Invalid publish IP address: localhost");
  }

  @Test
  void logMaxSizeIsAString() throws IOException {
    // configuration/docs/proxy.yml: log_max_size: "30m"
    assertThat(load("servers: [1.1.1.1]\nproxy:\n  run:\n    log_max_size: 30m\n").proxyRun("1.1.1.1")
        .orElseThrow().logMaxSize()).isEqualTo("30m");
  }

  @Test
  void publishArgsCheckAddresses() {
    assertThat(ProxyBoot.publishArgs("80", "443", List.of("::1")))
        .containsExactly("--publish", "[::1]:80:80", "--publish", "[::1]:443:443");
    assertThatThrownBy(() -> ProxyBoot.publishArgs("80", "443", List.of("1.2.3.256")))
        .hasMessage("Invalid publish IP address: 1.2.3.256");
  }
}

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

class ConfigLoaderTest {
  @TempDir Path dir;

  private static final String MINIMAL = """
      service: app
      image: acme/app
      servers:
        - 10.0.0.1
        - 10.0.0.2
      registry:
        username: acme
        password:
          - KAMAL_REGISTRY_PASSWORD
      builder:
        arch: amd64
      """;

  private LoadedConfig load(String yaml) throws IOException {
    return load(yaml, null, Map.of());
  }

  private LoadedConfig load(String yaml, String destination, Map<String, String> env) throws IOException {
    write("config/deploy.yml", yaml);
    return ConfigLoader.load(new ConfigRequest(dir, null, destination, null, env));
  }

  private void write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void plainHostListIsTheWebRoleWithKamalDefaults() throws IOException {
    DeployConfig config = load(MINIMAL).config();

    assertThat(config.service()).isEqualTo("app");
    assertThat(config.image()).isEqualTo("acme/app");
    assertThat(config.roles()).extracting(Role::name).containsExactly("web");
    assertThat(config.primaryRole()).isEqualTo("web");
    assertThat(config.primaryHost()).contains("10.0.0.1");
    assertThat(config.allHosts()).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(config.ssh().user()).isEqualTo("root");
    assertThat(config.ssh().port()).isEqualTo(22);
    assertThat(config.hooksPath()).isEqualTo(".kamal/hooks");
    assertThat(config.secretsPath()).isEqualTo(".kamal/secrets");
    assertThat(config.retainContainers()).isEqualTo(5);
    assertThat(config.readinessDelay()).isEqualTo(7);
    assertThat(config.deployTimeout()).isEqualTo(30);
    assertThat(config.drainTimeout()).isEqualTo(30);
    assertThat(config.hooksOutput().levelFor("pre-deploy")).isEmpty();
    assertThat(config.registry().password().isSecret()).isTrue();
    assertThat(config.registry().password().secretName()).isEqualTo("KAMAL_REGISTRY_PASSWORD");
    assertThat(config.builder().gitClone()).isTrue();
  }

  @Test
  void rolesKeepConfigOrderAndPrimaryRoleHostsComeFirst() throws IOException {
    DeployConfig config = load("""
        service: app
        image: acme/app
        primary_role: api
        servers:
          workers:
            hosts:
              - 10.0.0.3: [batch, eu]
              - 10.0.0.1
            cmd: bin/jobs
            stop_timeout: 60
          api:
            - 10.0.0.1
            - 10.0.0.2: canary
        registry: {username: u, password: p}
        builder: {arch: amd64}
        boot: {limit: "50%", wait: 2}
        hooks_output: {pre-deploy: ":verbose", pre-build: quiet}
        x-hooks:
          timeout: 600
          pre-deploy: {timeout: 900}
        """).config();

    assertThat(config.roles()).extracting(Role::name).containsExactly("workers", "api");
    assertThat(config.role("workers").orElseThrow().hosts())
        .containsExactly(new Host("10.0.0.3", List.of("batch", "eu")), new Host("10.0.0.1"));
    assertThat(config.role("workers").orElseThrow().cmd()).isEqualTo("bin/jobs");
    assertThat(config.role("workers").orElseThrow().stopTimeout()).isEqualTo(60);
    assertThat(config.primaryHost()).contains("10.0.0.1");
    assertThat(config.allHosts()).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    assertThat(config.bootGroups(config.allHosts()))
        .containsExactly(List.of("10.0.0.1"), List.of("10.0.0.2"), List.of("10.0.0.3"));
    assertThat(config.boot().waitSeconds()).isEqualTo(2);
    assertThat(config.hooksOutput().levelFor("pre-deploy")).contains(HooksOutput.Level.VERBOSE);
    assertThat(config.hooksOutput().levelFor("pre-build")).contains(HooksOutput.Level.QUIET);
    assertThat(config.hooksOutput().levelFor("post-deploy")).isEmpty();
    assertThat(config.hooksExtension().timeoutFor("pre-deploy")).contains(java.time.Duration.ofSeconds(900));
    assertThat(config.hooksExtension().timeoutFor("post-deploy")).contains(java.time.Duration.ofSeconds(600));
  }

  @Test
  void bootParallelRolesIsOffUnlessSetTrue() throws IOException {
    assertThat(load(MINIMAL).config().boot().parallelRoles()).isFalse();
    assertThat(load(MINIMAL + "boot:\n  parallel_roles: true\n").config().boot().parallelRoles()).isTrue();
    assertThat(load(MINIMAL + "boot:\n  parallel_roles: false\n").config().boot().parallelRoles()).isFalse();
  }

  @Test
  void postDeployLockIsOffByDefaultAndMustBeABoolean() throws IOException {
    assertThat(load(MINIMAL).config().hooksExtension().postDeployLock()).isFalse();
    assertThat(load(MINIMAL + "x-hooks:\n  post_deploy_lock: true\n").config().hooksExtension().postDeployLock())
        .isTrue();
    assertThatThrownBy(() -> load(MINIMAL + "x-hooks:\n  post_deploy_lock: yes please\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("x-hooks/post_deploy_lock: should be true or false");
  }

  @Test
  void theAgentKeyIsUnsetByDefaultAndMustBeABooleanNamingFileAndKey() throws IOException {
    assertThat(load(MINIMAL).config().agent()).isEmpty();
    assertThat(load(MINIMAL + "x-agent: false\n").config().agent()).contains(false);
    assertThat(load(MINIMAL + "x-agent: true\n").config().agent()).contains(true);
    assertThatThrownBy(() -> load(MINIMAL + "x-agent: {enabled: false}\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageMatching("(?s).*config/deploy\\.yml:\\d+: x-agent: should be true or false \\(false: this"
            + " project's commands do not use the warm agent\\), got a hash.*");
  }

  @Test
  void releaseCommandDefaultsToThePrimaryRoleWithoutTimeout() throws IOException {
    assertThat(load(MINIMAL).config().release()).isEmpty();
    ReleaseCommand release = load(MINIMAL + "x-release:\n  command: bin/rails db:migrate\n").config().release()
        .orElseThrow();
    assertThat(release.role()).isEqualTo("web");
    assertThat(release.timeoutSeconds()).isNull();
    assertThat(release.words()).containsExactly("sh", "-c", "bin/rails db:migrate");
    assertThat(release.text()).isEqualTo("bin/rails db:migrate");

    ReleaseCommand words = load(MINIMAL + "x-release:\n  command: [bin/migrate, --all, 3]\n  timeout: 900\n")
        .config().release().orElseThrow();
    assertThat(words.words()).containsExactly("bin/migrate", "--all", "3");
    assertThat(words.timeoutSeconds()).isEqualTo(900);
  }

  @Test
  void releaseCommandProblemsAreReportedOneLineEachNamingTheKey() {
    assertThatThrownBy(() -> load(MINIMAL + "x-release: bin/migrate\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("x-release: should be a hash (command: COMMAND, role: ROLE, timeout: SECONDS)");
    assertThatThrownBy(() -> load(MINIMAL + "x-release:\n  role: web\n  timeout: 0\n  retries: 2\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("x-release/command: is required")
        .hasMessageContaining("x-release/timeout: should be a whole number of seconds, at least 1")
        .hasMessageContaining("x-release/retries: unknown key (known keys: command, role, timeout)");
    assertThatThrownBy(() -> load(MINIMAL + "x-release:\n  command: []\n"))
        .hasMessageContaining("x-release/command: should be a string, or a list of words");
    assertThatThrownBy(() -> load(MINIMAL + "x-release:\n  command: {run: x}\n"))
        .hasMessageContaining("x-release/command: should be a string, or a list of words, got a hash");
    assertThatThrownBy(() -> load(MINIMAL + "x-release:\n  command: migrate\n  role: db\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("x-release/role: role db is not configured (roles: web)");
  }

  @Test
  void releaseCommandRoleMustHaveAHost() {
    assertThatThrownBy(() -> load("""
        service: app
        image: acme/app
        allow_empty_roles: true
        servers:
          web: [10.0.0.1]
          jobs: []
        registry: {username: u, password: p}
        builder: {arch: amd64}
        x-release:
          command: migrate
          role: jobs
        """)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("x-release/role: role jobs has no hosts to run the release command on");
  }

  @Test
  void destinationFileIsDeepMergedOverTheBase() throws IOException {
    write("config/deploy.staging.yml", """
        servers:
          - 10.1.0.1
        env:
          clear:
            MODE: staging
        """);
    LoadedConfig loaded = load(MINIMAL + "env:\n  clear:\n    MODE: production\n    KEEP: yes\n", "staging",
        Map.of("KAMAL_DESTINATION", "stale"));

    assertThat(loaded.config().allHosts()).containsExactly("10.1.0.1");
    assertThat(loaded.config().env().clear()).containsEntry("MODE", "staging").containsEntry("KEEP", "true");
    assertThat(loaded.config().destination()).isEqualTo("staging");
    assertThat(loaded.environment()).containsEntry("KAMAL_DESTINATION", "staging");
  }

  @Test
  void withoutDestinationAStaleKamalDestinationIsRemoved() throws IOException {
    LoadedConfig loaded = load(MINIMAL, null, Map.of("KAMAL_DESTINATION", "stale", "HOME", "/root"));
    assertThat(loaded.environment()).doesNotContainKey("KAMAL_DESTINATION").containsEntry("HOME", "/root");
  }

  @Test
  void unknownKeysAndWrongTypesAreAllReportedWithPathAndLine() throws IOException {
    assertThatThrownBy(() -> load("""
        service: app
        image: acme/app
        servers:
          web:
            hostz:
              - 10.0.0.1
        registry: {username: u, password: p}
        builder: {arch: amd64}
        retain_containers: many
        """))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).exitCode()).isEqualTo(2))
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).contains(
            "config/deploy.yml:5: servers/web/hostz: unknown key (did you mean hosts?)",
            "config/deploy.yml:9: retain_containers: should be an integer"));
  }

  @Test
  void missingConfigFileIsAConfigurationError() {
    assertThatThrownBy(() -> ConfigLoader.load(ConfigRequest.of(dir, Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Configuration file not found in config/deploy.yml");
  }

  @Test
  void versionComesFromOverrideThenEnvironment() throws IOException {
    write("config/deploy.yml", MINIMAL);
    LoadedConfig overridden = ConfigLoader.load(new ConfigRequest(dir, null, null, "abc1234567", Map.of()));
    assertThat(overridden.version()).isEqualTo("abc1234567");
    assertThat(overridden.serviceVersion()).isEqualTo("app@abc1234");
    LoadedConfig fromEnv = ConfigLoader.load(new ConfigRequest(dir, null, null, null, Map.of("VERSION", "v_1")));
    assertThat(fromEnv.serviceVersion()).isEqualTo("app@v_1");
  }

  @Test
  void accessoryHostsCountInAllHostsAndBootPercentages() throws IOException {
    DeployConfig config = load("""
        service: app
        image: acme/app
        servers:
          web:
            - 10.0.0.1
            - 10.0.0.2: db
          jobs:
            - 10.0.0.3
        accessories:
          db:
            image: mysql
            tag: db
          cache:
            image: redis
            roles: [jobs]
          search:
            image: opensearch
            hosts: [10.0.0.8, 10.0.0.9]
        registry: {username: u, password: p}
        builder: {arch: amd64}
        boot: {limit: 40%}
        """).config();

    assertThat(config.accessories()).extracting(Accessory::name).containsExactly("db", "cache", "search");
    assertThat(config.accessories().get(0).hosts()).containsExactly("10.0.0.2");
    assertThat(config.accessories().get(1).hosts()).containsExactly("10.0.0.3");
    assertThat(config.appHosts()).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    assertThat(config.allHosts()).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.8", "10.0.0.9");
    // 40% of 5 hosts (accessories included) = 2 per group
    assertThat(config.bootGroups(config.appHosts()))
        .containsExactly(List.of("10.0.0.1", "10.0.0.2"), List.of("10.0.0.3"));
  }

  @Test
  void scalarHooksOutputAppliesToEveryHookAndRoleEnvMergesOverRootEnv() throws IOException {
    DeployConfig config = load("""
        service: app
        image: acme/app
        servers:
          web:
            hosts: [10.0.0.1]
            env:
              clear: {MODE: web}
              secret: [WEB_KEY]
        env:
          clear: {MODE: root, LANG: C}
          secret: [ROOT_KEY]
        registry: {username: u, password: p}
        builder: {arch: amd64}
        hooks_output: quiet
        ssh:
          user: deploy
          port: 2222
          config: [~/.ssh/a, ~/.ssh/b]
        """).config();

    assertThat(config.hooksOutput().levelFor("anything")).contains(HooksOutput.Level.QUIET);
    EnvConfig env = config.role("web").orElseThrow().effectiveEnv(config.env());
    assertThat(env.clear()).containsExactly(Map.entry("MODE", "web"), Map.entry("LANG", "C"));
    assertThat(env.secret()).containsExactly("ROOT_KEY", "WEB_KEY");
    assertThat(config.ssh().user()).isEqualTo("deploy");
    assertThat(config.ssh().port()).isEqualTo(2222);
    assertThat(config.ssh().configFiles()).containsExactly("~/.ssh/a", "~/.ssh/b");
  }

  @Test
  void traefikHookCheckUsesTheConfiguredHooksPathRelativeToTheWorkingDirectory() throws IOException {
    write("ops/hooks/post-traefik-reboot", "#!/bin/sh\n");
    assertThatThrownBy(() -> load(MINIMAL + "hooks_path: ops/hooks\n"))
        .hasMessage("config/deploy.yml: Found post-traefik-reboot, these should be renamed to (pre|post)-proxy-reboot");
    assertThat(load(MINIMAL).config().hooksPath()).isEqualTo(".kamal/hooks");
  }

  @Test
  void onlyThePrimaryRoleRunsTheProxyUnlessARoleSaysOtherwise() throws IOException {
    DeployConfig config = load("""
        service: app
        image: acme/app
        servers:
          web: [10.0.0.1]
          api:
            hosts: [10.0.0.2]
            proxy: {host: api.example.com}
          jobs:
            hosts: [10.0.0.3]
          admin:
            hosts: [10.0.0.4]
            proxy: true
        registry: {username: u, password: p}
        builder: {arch: amd64}
        """).config();

    assertThat(config.roles()).filteredOn(config::runsProxy).extracting(Role::name)
        .containsExactly("web", "api", "admin");
  }

  @Test
  void hostileYamlIsAConfigurationErrorNotACrash() {
    assertThatThrownBy(() -> load("service: app\nx-loop: &a [1, *a]\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("recursive alias");
    StringBuilder laughs = new StringBuilder("a0: &a0 [lol, lol]\n");
    for (int i = 1; i < 60; i++) {
      laughs.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
          .append(i - 1).append("]\n");
    }
    assertThatThrownBy(() -> load(laughs.toString()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("invalid YAML");
    assertThatThrownBy(() -> load("a: " + "[".repeat(500) + "]".repeat(500) + "\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("invalid YAML");
  }
}

package io.sextant.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.ConfigurationException;
import io.sextant.config.LoadedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildPlanTest {
  @TempDir Path dir;

  private LoadedConfig load(String registryAndBuilder, String secrets) throws IOException {
    Files.createDirectories(dir.resolve("config"));
    Files.createDirectories(dir.resolve(".kamal"));
    Files.writeString(dir.resolve("config/deploy.yml"),
        "service: app\nimage: dhh/app\nservers:\n  - 1.1.1.1\n" + registryAndBuilder);
    Files.writeString(dir.resolve(".kamal/secrets"), secrets);
    return ConfigLoader.load(new ConfigRequest(dir, null, null, "42", Map.of()));
  }

  @Test
  void resolvesTheRegistryLoginAndBuildSecretsFromTheSecrets() throws IOException {
    LoadedConfig loaded = load("""
        registry:
          server: reg:5000
          username:
            - REGISTRY_USER
          password:
            - KAMAL_REGISTRY_PASSWORD
        builder:
          arch: amd64
          context: .
          secrets:
            - GITHUB_TOKEN
        """, "REGISTRY_USER=deployer\nKAMAL_REGISTRY_PASSWORD=pw\nGITHUB_TOKEN=gh-token\n");

    BuildPlan plan = BuildPlan.of(loaded.config(), loaded.secrets(), loaded.version());

    assertThat(plan.commands().image()).isEqualTo("reg:5000/dhh/app:42");
    assertThat(plan.registry().localLogin()).containsExactly("docker", "login", "reg:5000", "-u", "deployer",
        "--password-stdin");
    assertThat(plan.registryPassword()).isEqualTo("pw");
    assertThat(plan.buildSecrets()).containsExactly(Map.entry("GITHUB_TOKEN", "gh-token"));
    assertThat(plan.fromGitClone()).isFalse();
    assertThat(plan.toString()).doesNotContain("gh-token", "pw]");
  }

  @Test
  void aLocalRegistryNeedsNoLoginAndTheDefaultBuildIsAGitClone() throws IOException {
    LoadedConfig loaded = load("registry:\n  server: localhost:5555\nbuilder:\n  arch: amd64\n", "");

    BuildPlan plan = BuildPlan.of(loaded.config(), loaded.secrets(), "42");

    assertThat(plan.registry()).isNull();
    assertThat(plan.fromGitClone()).isTrue();
    assertThat(plan.commands().image()).isEqualTo("localhost:5555/dhh/app:42");
  }

  @Test
  void aMissingBuildSecretIsAConfigurationError() throws IOException {
    LoadedConfig loaded = load("registry:\n  server: localhost:5555\nbuilder:\n  arch: amd64\n  secrets:\n"
        + "    - GITHUB_TOKEN\n", "OTHER=x\n");

    assertThatThrownBy(() -> BuildPlan.of(loaded.config(), loaded.secrets(), "42"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Secret 'GITHUB_TOKEN' not found");
  }
}

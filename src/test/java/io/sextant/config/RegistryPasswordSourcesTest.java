package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.commands.RegistryCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry passwords of Kamal's registry documentation
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration/docs/registry.yml): AWS ECR's token from a
 * command run by ERB in deploy.yml, GCP Artifact Registry's key from a secret whose value a command in
 * {@code .kamal/secrets} prints. Here {@code printf} stands in for {@code aws ecr get-login-password}.
 */
class RegistryPasswordSourcesTest {
  @TempDir Path dir;

  private LoadedConfig load(String registry, String secrets) throws IOException {
    Files.createDirectories(dir.resolve("config"));
    Files.createDirectories(dir.resolve(".kamal"));
    Files.writeString(dir.resolve("config/deploy.yml"), "service: app\nimage: app\nservers: [1.1.1.1]\n"
        + registry + "builder:\n  arch: amd64\n");
    Files.writeString(dir.resolve(".kamal/secrets"), secrets);
    return ConfigLoader.load(new ConfigRequest(dir, null, null, "1", Map.of()));
  }

  @Test
  void ecrTokenFromACommandInErb() throws IOException {
    LoadedConfig loaded = load("""
        registry:
          server: 123456789.dkr.ecr.eu-west-1.amazonaws.com
          username: AWS
          password: <%= %x(printf ecr-token-1) %>
        """, "");
    RegistryConfig registry = loaded.config().registry();
    assertThat(registry.password().resolve(loaded.secrets())).isEqualTo("ecr-token-1");
    assertThat(RegistryCommands.of(registry, loaded.secrets()).orElseThrow().login())
        .isEqualTo("docker login 123456789.dkr.ecr.eu-west-1.amazonaws.com -u AWS --password-stdin");
  }

  @Test
  void gcpKeyFromASecretComputedInTheSecretsFile() throws IOException {
    LoadedConfig loaded = load("""
        registry:
          server: europe-west1-docker.pkg.dev
          username: _json_key_base64
          password:
            - KAMAL_REGISTRY_PASSWORD
        """, "KAMAL_REGISTRY_PASSWORD=$(printf 'eyJrZXkiOiJ2YWx1ZSJ9')\n");
    RegistryConfig registry = loaded.config().registry();
    assertThat(registry.password().isSecret()).isTrue();
    assertThat(registry.password().resolve(loaded.secrets())).isEqualTo("eyJrZXkiOiJ2YWx1ZSJ9");
    assertThat(RegistryCommands.of(registry, loaded.secrets()).orElseThrow().login())
        .isEqualTo("docker login europe-west1-docker.pkg.dev -u _json_key_base64 --password-stdin");
  }
}

package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsLoaderTest {
  @TempDir Path dir;

  private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "FROM_ENV", "env-value");

  private void write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void commonFileThenPlainFileLaterWins() throws IOException {
    write(".kamal/secrets-common", "A=common\nB=common\n");
    write(".kamal/secrets", "B=plain\nC=$FROM_ENV\n");
    write(".kamal/secrets.staging", "B=staging\n");

    Secrets secrets = SecretsLoader.load(dir, ".kamal/secrets", null, ENV);

    assertThat(secrets.asMap()).containsExactly(Map.entry("A", "common"), Map.entry("B", "plain"),
        Map.entry("C", "env-value"));
    assertThat(secrets.files()).containsExactly(".kamal/secrets-common", ".kamal/secrets");
  }

  @Test
  void withDestinationThePlainFileIsNotRead() throws IOException {
    write(".kamal/secrets-common", "A=common\n");
    write(".kamal/secrets", "B=plain\n");
    write(".kamal/secrets.staging", "B=staging\n");

    Secrets secrets = SecretsLoader.load(dir, ".kamal/secrets", "staging", ENV);

    assertThat(secrets.asMap()).containsExactly(Map.entry("A", "common"), Map.entry("B", "staging"));
  }

  @Test
  void aVariableSeesOnlyItsOwnFileThenTheEnvironment() throws IOException {
    write(".kamal/secrets-common", "SHARED=from-common\n");
    write(".kamal/secrets", "COPY=${SHARED}|$FROM_ENV\n");

    assertThat(SecretsLoader.load(dir, ".kamal/secrets", null, ENV).asMap()).containsEntry("COPY", "|env-value");
  }

  @Test
  void missingFilesAreFineAndRequireNamesTheFilesSearched() {
    Secrets secrets = SecretsLoader.load(dir, "config/secrets", "prod", ENV);

    assertThat(secrets.asMap()).isEmpty();
    assertThatThrownBy(() -> secrets.require("DB_PASSWORD"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Secret 'DB_PASSWORD' not found in config/secrets-common, config/secrets.prod");
  }

  @Test
  void commandSubstitutionRunsThroughTheShellInTheWorkingDirectoryWithTheGivenEnvironment() throws IOException {
    write("token.txt", "tok-123\n");
    write(".kamal/secrets", "TOKEN=$(cat token.txt)\nWHO=$(printf '%s' \"$FROM_ENV\")\nDEST=$(echo $KAMAL_DESTINATION)\n");

    Secrets secrets = SecretsLoader.load(dir, ".kamal/secrets", null, Map.of("PATH", "/usr/bin:/bin",
        "FROM_ENV", "env-value", "KAMAL_DESTINATION", "x"));

    assertThat(secrets.asMap()).containsEntry("TOKEN", "tok-123").containsEntry("WHO", "env-value")
        .containsEntry("DEST", "x");
  }

  @Test
  void aFailingCommandNamesFileLineAndExitCodeButNotItsArguments() throws IOException {
    write(".kamal/secrets", "A=1\nB=$(false --password=hunter2)\n");

    assertThatThrownBy(() -> SecretsLoader.load(dir, ".kamal/secrets", null, ENV))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(".kamal/secrets:2: command substitution $(false ...) failed with exit code 1");
  }

  @Test
  void loadedConfigRunsSecretCommandsOnlyOnceAndOnlyWhenAsked() throws IOException {
    write("config/deploy.yml", "service: app\nimage: a/app\nservers: [10.0.0.1]\n"
        + "registry: {username: u, password: [PW]}\nbuilder: {arch: amd64}\n");
    write(".kamal/secrets", "PW=$(echo run >> count.txt; echo pw-value)\n");

    LoadedConfig loaded = ConfigLoader.load(ConfigRequest.of(dir, ENV));
    assertThat(dir.resolve("count.txt")).doesNotExist();

    assertThat(loaded.secrets().require("PW")).isEqualTo("pw-value");
    assertThat(loaded.config().registry().password().resolve(loaded.secrets())).isEqualTo("pw-value");
    assertThat(loaded.secrets().values()).containsExactly("pw-value");
    assertThat(Files.readAllLines(dir.resolve("count.txt"))).containsExactly("run");
  }

  @Test
  void envSecretsResolveWithAliases() throws IOException {
    write("config/deploy.yml", """
        service: app
        image: a/app
        servers: [10.0.0.1]
        registry: {username: u, password: [PW]}
        builder: {arch: amd64}
        env:
          clear: {A: b}
          secret: [DB_PASSWORD, "REPLICA_PASSWORD:SECONDARY_DB_PASSWORD"]
        """);
    write(".kamal/secrets", "DB_PASSWORD=one\nSECONDARY_DB_PASSWORD=two\n");

    LoadedConfig loaded = ConfigLoader.load(ConfigRequest.of(dir, ENV));

    assertThat(loaded.config().env().resolveSecrets(loaded.secrets()))
        .containsExactly(Map.entry("DB_PASSWORD", "one"), Map.entry("REPLICA_PASSWORD", "two"));
  }
}

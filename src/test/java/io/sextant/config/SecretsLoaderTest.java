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
    // Kamal's words for no secrets file at all (lib/kamal/secrets.rb:17, test/secrets_test.rb "no secrets files")
    assertThatThrownBy(() -> secrets.require("DB_PASSWORD"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Secret 'DB_PASSWORD' not found, no secret files (config/secrets-common, config/secrets.prod)"
            + " provided");
  }

  @Test
  void aKeyMissingFromExistingFilesNamesOnlyTheFilesThatExist() throws IOException {
    write("config/secrets.prod", "A=1\n");
    // Kamal: "Secret '#{key}' not found in #{secrets_files.join(", ")}", secrets_files = the existing ones
    assertThatThrownBy(() -> SecretsLoader.load(dir, "config/secrets", "prod", ENV).require("B"))
        .hasMessage("Secret 'B' not found in config/secrets.prod");
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
  void aFailingCommandFailsOnlyWhatReadsItsKeyNamingFileLineKeyAndExitCodeButNotItsArguments() throws IOException {
    write(".kamal/secrets", "A=1\nB=$(false --password=hunter2)\nC=x-${B}\nD=2\n");

    Secrets secrets = SecretsLoader.load(dir, ".kamal/secrets", null, ENV);

    assertThat(secrets.require("A")).isEqualTo("1");
    assertThat(secrets.require("D")).isEqualTo("2");
    assertThatThrownBy(() -> secrets.require("B"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(".kamal/secrets:2: secret B: command substitution $(false ...) failed with exit code 1");
    assertThatThrownBy(() -> secrets.require("C"))
        .hasMessage(".kamal/secrets:3: secret C: uses $B, which could not be read (.kamal/secrets:2)");
    assertThatThrownBy(secrets::asMap).as("the whole hash (what hooks get) needs every key")
        .hasMessageStartingWith(".kamal/secrets:2: secret B:");
    assertThat(secrets.values()).containsExactly("1", "2");
  }

  @Test
  void aLaterFileReplacesAFailedKeyAndAFailedKeyReplacesAnEarlierValue() throws IOException {
    write(".kamal/secrets-common", "A=$(exit 4)\nB=common\n");
    write(".kamal/secrets", "A=plain\nB=$(exit 5)\n");

    Secrets secrets = SecretsLoader.load(dir, ".kamal/secrets", null, ENV);

    assertThat(secrets.require("A")).isEqualTo("plain");
    assertThatThrownBy(() -> secrets.require("B")).hasMessage(
        ".kamal/secrets:2: secret B: command substitution $(exit ...) failed with exit code 5");
  }

  @Test
  void withoutCommandsNothingRunsAndOnlyLiteralValuesAreKnown() throws IOException {
    write(".kamal/secrets", "PW=$(echo ran > ran.txt; echo pw)\nLITERAL=lit-value\nBOTH=${LITERAL}-$(echo x)\n");

    Secrets secrets = SecretsLoader.loadWithoutCommands(dir, ".kamal/secrets", null, ENV);

    assertThat(dir.resolve("ran.txt")).doesNotExist();
    assertThat(secrets.values()).containsExactly("lit-value");
    assertThat(secrets.failures()).containsOnlyKeys("PW", "BOTH");
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

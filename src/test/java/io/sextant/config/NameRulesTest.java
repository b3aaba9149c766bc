package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every format rule Kamal 2.12 puts on a name, with its wording. Kamal has two: the service name
 * (lib/kamal/configuration.rb:364) and alias names (lib/kamal/configuration/validator/alias.rb:6-13). Roles,
 * destinations, accessories and the image have none in lib/kamal/configuration*.rb, so none is added here.
 */
class NameRulesTest {
  private static final String SERVICE_RULE =
      "Service name can only include alphanumeric characters, hyphens, and underscores"; // configuration.rb:364

  @TempDir Path dir;

  private void load(String service, String aliases) throws IOException {
    Path file = dir.resolve("config/deploy.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "service: " + service + "\nimage: acme/app\nservers:\n  - 10.0.0.1\n"
        + "registry:\n  username: u\n  password: [PW]\nbuilder:\n  arch: amd64\n"
        + (aliases == null ? "" : "aliases:\n" + aliases));
    ConfigLoader.load(new ConfigRequest(dir, null, null, null, Map.of()));
  }

  /** {@code raw_config[:service] =~ /^[a-z0-9_-]+$/i}: numbers and booleans are not strings, never match. */
  @ParameterizedTest
  @ValueSource(strings = {"123", "1.5", "true", "my app", "app.v2", "\"caf\u00e9\"", "\"a/b\"",
      "\"app\\nweb\""})
  void aServiceNameOutsideKamalsPatternIsRefusedInKamalsWords(String service) {
    assertThatThrownBy(() -> load(service, null)).isInstanceOf(ConfigurationException.class)
        .hasMessage("config/deploy.yml:1: service: " + SERVICE_RULE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"app", "My-App_2", "\"123\"", "'web'"})
  void aServiceNameInKamalsPatternIsAccepted(String service) {
    assertThatCode(() -> load(service, null)).doesNotThrowAnyException();
  }

  /** validator/alias.rb:8: {@code name !~ /\A[a-z0-9_-]+\z/} (lowercase only, unlike the service name). */
  @ParameterizedTest
  @ValueSource(strings = {"Shell", "my alias", "a.b", "caf\u00e9"})
  void anAliasNameOutsideKamalsPatternIsRefusedInKamalsWords(String alias) {
    assertThatThrownBy(() -> load("app", "  " + alias + ": app exec -i bash\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("config/deploy.yml:11: aliases/" + alias + ": Invalid alias name: '" + alias
            + "'. Must only contain lowercase letters, alphanumeric, hyphens and underscores.");
  }

  /** validator/alias.rb:11-12: an alias may not shadow a command of Kamal::Cli::Main. */
  @ParameterizedTest
  @ValueSource(strings = {"deploy", "lock", "help", "version"})
  void anAliasNamedAfterACommandIsRefusedInKamalsWords(String alias) {
    assertThatThrownBy(() -> load("app", "  " + alias + ": app exec -i bash\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("config/deploy.yml:11: aliases/" + alias + ": Alias '" + alias
            + "' conflicts with a built-in command.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"console", "my-shell_2", "123"})
  void anAliasInKamalsPatternIsAccepted(String alias) {
    assertThatCode(() -> load("app", "  " + alias + ": app exec -i bash\n")).doesNotThrowAnyException();
  }
}

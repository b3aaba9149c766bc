package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.config.RegistryConfig;
import io.sextant.config.RegistryConfig.Credential;
import io.sextant.config.Secrets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden command lines of {@code registry setup/login/logout/remove} against Kamal 2.12's
 * test/commands/registry_test.rb (https://github.com/basecamp/kamal/blob/v2.12.0/test/commands/registry_test.rb).
 * One deliberate difference: Kamal's login puts the password on the command line ({@code -p "secret"}, redacted
 * in its output but visible in the process list); Sextant gives it on stdin ({@code --password-stdin}).
 */
class RegistryCommandsTest {
  private static final Secrets SECRETS = new Secrets(Map.of("KAMAL_REGISTRY_PASSWORD", "more-secret'\"",
      "KAMAL_REGISTRY_USERNAME", "also-secret"), java.util.List.of(".kamal/secrets"));

  // registry_test.rb:32-35 "registry login": docker login hub.docker.com -u "dhh" -p "secret"
  @Test
  void loginNamesServerAndUserAndReadsThePasswordFromStdin() {
    RegistryCommands login = RegistryCommands.of(new RegistryConfig("hub.docker.com", Credential.literal("dhh"),
        Credential.literal("secret")), SECRETS).orElseThrow();
    assertThat(login.login()).isEqualTo("docker login hub.docker.com -u dhh --password-stdin");
  }

  // registry_test.rb:66-73 "registry login with ENV username": -u "also-secret"
  @Test
  void usernameMayBeASecret() {
    RegistryCommands login = RegistryCommands.of(new RegistryConfig("hub.docker.com",
        Credential.secret("KAMAL_REGISTRY_USERNAME"), Credential.secret("KAMAL_REGISTRY_PASSWORD")), SECRETS)
        .orElseThrow();
    assertThat(login.login()).isEqualTo("docker login hub.docker.com -u also-secret --password-stdin");
    assertThat(login.login()).doesNotContain("more-secret");
  }

  // registry_test.rb:75-79 "registry logout": docker logout hub.docker.com
  @Test
  void logoutNamesTheServer() {
    assertThat(new RegistryCommands("hub.docker.com", "dhh").logout()).isEqualTo("docker logout hub.docker.com");
    assertThat(new RegistryCommands("other.hub.docker.com", "user").logout())
        .isEqualTo("docker logout other.hub.docker.com");
  }

  // registry_test.rb:87-90 "registry setup" (server localhost:5000)
  @Test
  void localSetupStartsOrRunsKamalsRegistryContainerOnLoopback() {
    RegistryConfig local = new RegistryConfig("localhost:5000", null, null);
    LocalRegistryCommands commands = new LocalRegistryCommands(local.localPort());
    assertThat(commands.setup()).isEqualTo("docker start kamal-docker-registry || docker run --detach"
        + " -p 127.0.0.1:5000:5000 --name kamal-docker-registry registry:3");
    assertThat(new LocalRegistryCommands(5555).run()).containsExactly("docker", "run", "--detach", "-p",
        "127.0.0.1:5555:5000", "--name", "kamal-docker-registry", "registry:3");
  }

  // registry_test.rb:92-94 "registry remove"
  @Test
  void localRemoveStopsThenRemovesTheContainer() {
    assertThat(LocalRegistryCommands.remove())
        .isEqualTo("docker stop kamal-docker-registry && docker rm kamal-docker-registry");
  }

  // Kamal's login returns nothing for a local registry (commands/registry.rb:5): no username, no login.
  @Test
  void aLocalRegistryHasNoLogin() {
    assertThat(RegistryCommands.of(new RegistryConfig("localhost:5555", null, null), SECRETS)).isEmpty();
  }

  // configuration/registry.rb:26-32: local? is server.match?("^localhost[:$]"); local_port is the last ":" part's to_i
  @Test
  void localMeansLocalhostWithAPortAsKamalReadsIt() {
    assertThat(new RegistryConfig("localhost:5555", null, null).isLocal()).isTrue();
    assertThat(new RegistryConfig("localhost:5555", null, null).localPort()).isEqualTo(5555);
    assertThat(new RegistryConfig("localhost", null, null).isLocal()).isFalse();
    assertThat(new RegistryConfig("localhost.example.com:5000", null, null).isLocal()).isFalse();
    assertThat(new RegistryConfig("registry.example.com", null, null).localPort()).isEqualTo(-1);
    assertThat(new RegistryConfig("localhost:", null, null).localPort()).isZero();
    assertThat(new RegistryConfig("localhost:abc", null, null).localPort()).isZero();
    assertThat(new RegistryConfig("localhost:0005000", null, null).localPort()).isEqualTo(5000);
  }
}

package io.sextant.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.commands.BuilderCommands;
import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.DeployConfig;
import io.sextant.ssh.SshSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When Kamal 2.12's {@code build push} forwards the local registry's port to a remote builder, to which host, with
 * which user and port ({@code K:cli/build.rb:N} = lib/kamal/cli/build.rb, {@code K:build_test.rb:N} =
 * test/cli/build_test.rb, fixtures from test/fixtures/). This machine builds amd64, so arm64 is the remote's.
 */
class RemoteBuilderHostTest {
  @TempDir Path dir;

  private DeployConfig config(String registry, String builder) throws IOException {
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/deploy.yml"), "service: app\nimage: dhh/app\nservers:\n  web:\n"
        + "    - \"1.1.1.1\"\n    - \"1.1.1.2\"\nregistry:\n" + registry.indent(2) + "builder:\n" + builder.indent(2));
    return ConfigLoader.load(new ConfigRequest(dir, null, null, "999", Map.of())).config();
  }

  private Optional<RemoteBuilderHost> forwardFor(String registry, String builder) throws IOException {
    DeployConfig config = config(registry, builder);
    return RemoteBuilderHost.forLocalRegistry(BuilderCommands.of(config, "999", "amd64", Map.of()),
        config.registry());
  }

  @Test
  void localRegistryAndRemoteBuilderForwardToTheBuildersHost() throws IOException {
    // fixtures/deploy_with_local_registry_and_remote_builder.yml; K:build_test.rb:54-63, 477-487 (forward to
    // [ "1.1.1.5" ], port 5000); K:cli/build.rb:216-223, 234-241 (the URI's user and port)
    Optional<RemoteBuilderHost> target = forwardFor("server: localhost:5000", "arch: arm64\nremote: ssh://app@1.1.1.5");
    assertThat(target).contains(new RemoteBuilderHost("1.1.1.5", "app", -1));
  }

  @Test
  void aHybridBuilderIsRemoteTooAndForwards() throws IOException {
    // fixtures/deploy_with_local_registry_and_hybrid_builder.yml; K:build_test.rb:65-74
    Optional<RemoteBuilderHost> target = forwardFor("server: localhost:5000",
        "arch:\n  - amd64\n  - arm64\nremote: ssh://app@1.1.1.5");
    assertThat(target).contains(new RemoteBuilderHost("1.1.1.5", "app", -1));
  }

  @Test
  void theUrisPortIsTheSshPort() throws IOException {
    // fixtures/deploy_with_local_registry_and_remote_builder_with_port.yml; K:cli/build.rb:234-236
    Optional<RemoteBuilderHost> target = forwardFor("server: localhost:5000",
        "arch: arm64\nremote: ssh://app@1.1.1.5:2222");
    assertThat(target).contains(new RemoteBuilderHost("1.1.1.5", "app", 2222));
  }

  @Test
  void aRegistryThatIsNotLocalIsNotForwarded() throws IOException {
    // fixtures/deploy_with_remote_builder.yml; K:cli/build.rb:225-231 (forward only when registry.local?)
    assertThat(forwardFor("username: user\npassword: pw", "arch: arm64\nremote: ssh://app@1.1.1.5")).isEmpty();
  }

  @Test
  void aRemoteThatBuildsNothingIsNotUsedSoNotForwarded() throws IOException {
    // K:configuration/builder.rb:30-50: the local arch is built here, so builder.remote? is false
    assertThat(forwardFor("server: localhost:5000", "arch: amd64\nremote: ssh://app@1.1.1.5")).isEmpty();
  }

  @Test
  void aLocalBuilderIsNotForwarded() throws IOException {
    // fixtures/deploy_with_local_registry.yml: K:build_test.rb:449-466 forwards for the pull only
    assertThat(forwardFor("server: localhost:5000", "arch: amd64")).isEmpty();
  }

  @Test
  void onlySshUrisNameAHost() {
    assertThat(RemoteBuilderHost.of("ssh://app@1.1.1.5")).contains(new RemoteBuilderHost("1.1.1.5", "app", -1));
    assertThat(RemoteBuilderHost.of("ssh://1.1.1.5")).contains(new RemoteBuilderHost("1.1.1.5", null, -1));
    assertThat(RemoteBuilderHost.of("ssh://builder.example.com:2122"))
        .contains(new RemoteBuilderHost("builder.example.com", null, 2122));
    assertThat(RemoteBuilderHost.of("ssh://app@[::1]:2222")).contains(new RemoteBuilderHost("[::1]", "app", 2222));
    assertThat(RemoteBuilderHost.of("tcp://1.1.1.5:1234")).isEmpty();
    assertThat(RemoteBuilderHost.of("unix:///var/run/docker.sock")).isEmpty();
    assertThat(RemoteBuilderHost.of("")).isEmpty();
    assertThat(RemoteBuilderHost.of(null)).isEmpty();
  }

  @Test
  void theUrisUserAndPortWinTheServersProxyIsNotUsed() {
    // K:cli/build.rb:234-241: user and port from the URI, no proxy (the servers' ssh settings are not passed)
    SshSettings servers = SshSettings.defaults().withUser("deploy").withPort(2200)
        .withKeys(List.of(Path.of("/keys/id")), true).withProxyJump("root@bastion").withProxyCommand("nc %h %p");
    SshSettings builder = new RemoteBuilderHost("1.1.1.5", "app", 2222).settings(servers, "me");
    assertThat(builder.user()).isEqualTo("app");
    assertThat(builder.port()).isEqualTo(2222);
    assertThat(builder.proxyJump()).isEmpty();
    assertThat(builder.proxyCommand()).isEmpty();
    assertThat(builder.keys()).containsExactly(Path.of("/keys/id"));
    assertThat(builder.keysOnly()).isTrue();
    assertThat(builder.knownHostsFile()).isEqualTo(servers.knownHostsFile());
  }

  @Test
  void withoutUserAndPortTheLocalUserOnPort22AsNetSshAndDockersSshDo() {
    // K:cli/build.rb:164-167, 235-236: no user and no port are passed, so net-ssh's defaults apply
    SshSettings servers = SshSettings.defaults().withUser("deploy").withPort(2200);
    SshSettings builder = new RemoteBuilderHost("1.1.1.5", null, -1).settings(servers, "me");
    assertThat(builder.user()).isEqualTo("me");
    assertThat(builder.port()).isEqualTo(22);
  }
}

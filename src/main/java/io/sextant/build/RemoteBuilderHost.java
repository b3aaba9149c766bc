package io.sextant.build;

import io.sextant.commands.BuilderCommands;
import io.sextant.config.RegistryConfig;
import io.sextant.ssh.SshSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The host of an {@code ssh://[user@]host[:port]} remote builder ({@code builder.remote}), which Sextant reaches
 * on its own SSH session: to check it answers before {@code build create}
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build.rb#L161-L172) and, with a local registry, to
 * forward the registry's port to it for the build
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build.rb#L216-L241). The host need not be one of
 * {@code servers}.
 *
 * @param hostName the URI's host, as Kamal prints it ({@code URI#host}; an IPv6 address keeps its brackets)
 * @param user the URI's user, or {@code null}
 * @param port the URI's port, or -1
 */
public record RemoteBuilderHost(String hostName, String user, int port) {

  /** The host of {@code remote} when it is an {@code ssh://} URI with a host; empty otherwise. */
  public static Optional<RemoteBuilderHost> of(String remote) {
    if (remote == null || remote.isBlank()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(remote.strip());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("ssh") || uri.getHost() == null) {
      return Optional.empty();
    }
    return Optional.of(new RemoteBuilderHost(uri.getHost(), uri.getUserInfo(), uri.getPort()));
  }

  /**
   * Where the local registry's port is forwarded for a build, as Kamal's {@code forward_local_registry_port_for_
   * remote_builder} decides: only when the registry is local and the build uses the remote builder (a remote or
   * hybrid builder: {@code builder.remote?}, i.e. some arch is not built here); empty otherwise. A local registry
   * with a remote that is not {@code ssh://} is refused when the configuration loads.
   */
  public static Optional<RemoteBuilderHost> forLocalRegistry(BuilderCommands builder, RegistryConfig registry) {
    if (registry == null || !registry.isLocal()) {
      return Optional.empty();
    }
    if (builder.kind() != BuilderCommands.Kind.REMOTE && builder.kind() != BuilderCommands.Kind.HYBRID) {
      return Optional.empty();
    }
    return of(builder.remote());
  }

  /**
   * How this host is reached: the URI's user and port, else, as net-ssh and Docker's {@code ssh} do without them,
   * {@code localUser} and port 22 (not the {@code ssh:} block's user and port, which are the servers'). Keys,
   * agent, ssh_config and known_hosts are the configuration's; its proxy is not used (Kamal passes none).
   */
  public SshSettings settings(SshSettings configured, String localUser) {
    return configured.withUser(user != null && !user.isEmpty() ? user : localUser)
        .withPort(port > 0 ? port : SshSettings.DEFAULT_PORT)
        .withProxyJump(null)
        .withProxyCommand(null);
  }

  /** The user this machine logs in as, which a URI without a user gets. */
  public static String localUser() {
    return System.getProperty("user.name");
  }
}

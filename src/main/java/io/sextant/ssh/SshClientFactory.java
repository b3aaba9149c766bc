package io.sextant.ssh;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

/** Builds and starts the MINA client for a {@link SshSettings} and opens authenticated sessions with it. */
final class SshClientFactory {
  private static final Duration KEEPALIVE = Duration.ofSeconds(30);

  private SshClientFactory() {}

  /** A started client with the settings applied. */
  static Client start(SshSettings settings) {
    SshClient client = SshClient.setUpDefaultClient();
    CoreModuleProperties.TCP_NODELAY.set(client, true); // without it each exec waits ~40 ms on Nagle + delayed ACK
    CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, KEEPALIVE);
    CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, settings.connectTimeout());
    CoreModuleProperties.AUTH_TIMEOUT.set(client, settings.connectTimeout());
    // Long hooks or builds may leave a session unused for a while; heartbeats keep it, idle timeout must not kill it.
    CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ofHours(2));
    KnownHostsVerifier verifier = new KnownHostsVerifier(settings.knownHostsFile());
    client.setServerKeyVerifier(verifier);
    client.setHostConfigEntryResolver(settings.sshConfig()
        .<HostConfigEntryResolver>map(ConfigFileHostEntryResolver::new)
        .orElse(HostConfigEntryResolver.EMPTY));
    Identities identities = Identities.load(settings);
    List<java.security.KeyPair> keys = identities.keyPairs();
    client.setKeyIdentityProvider(KeyIdentityProvider.wrapKeyPairs(keys));
    client.setAgentFactory(settings.keysOnly() ? null : AgentConnector.at(settings.agentSocket()).orElse(null));
    client.start();
    return new Client(client, settings, verifier, identities);
  }

  /** A started MINA client plus what is needed to explain its failures. */
  static final class Client implements AutoCloseable {
    private final SshClient client;
    private final SshSettings settings;
    private final KnownHostsVerifier verifier;
    private final Identities identities;

    Client(SshClient client, SshSettings settings, KnownHostsVerifier verifier, Identities identities) {
      this.client = client;
      this.settings = settings;
      this.verifier = verifier;
      this.identities = identities;
    }

    /** Connects and authenticates within the connect timeout, or throws a one-line {@link ConnectionException}. */
    ClientSession connect(HostAddress address) {
      Duration timeout = settings.connectTimeout();
      long started = System.nanoTime();
      ClientSession session = null;
      ConnectFuture future = null;
      try {
        future = openConnection(address);
        if (!future.await(timeout)) {
          future.cancel();
          throw new ConnectionException(address.name(),
              "connection timed out after " + SshHosts.seconds(timeout) + " (" + target(address) + ")", null);
        }
        if (future.getException() != null) {
          throw new IOException(future.getException());
        }
        session = future.getSession();
        Duration left = timeout.minusNanos(System.nanoTime() - started);
        AuthFuture auth = session.auth();
        if (!auth.await(left.isNegative() ? Duration.ofMillis(1) : left)) {
          throw new ConnectionException(address.name(), "ssh handshake timed out after "
              + SshHosts.seconds(timeout) + " (" + target(address) + ")", null);
        }
        Throwable authFailure = auth.getException();
        if (authFailure != null) {
          throw failure(address, authFailure);
        }
        if (!session.isAuthenticated()) {
          throw failure(address, new IOException("authentication failed"));
        }
        return session;
      } catch (ConnectionException e) {
        closeQuietly(session);
        throw e;
      } catch (IOException | RuntimeException e) {
        closeQuietly(session);
        throw failure(address, e);
      }
    }

    private ConnectFuture openConnection(HostAddress address) throws IOException {
      if (settings.proxyCommand().isPresent()) {
        throw new IOException("ssh.proxy_command is not supported yet");
      }
      if (settings.proxyJump().isPresent()) {
        HostConfigEntry entry = new HostConfigEntry("", address.hostName(), address.port(), address.user(),
            jumpWithUser(settings.proxyJump().get()));
        return client.connect(entry, null, null);
      }
      return client.connect(address.user(), address.hostName(), address.port());
    }

    /** Kamal adds {@code root@} to a proxy given without a user. */
    static String jumpWithUser(String proxy) {
      return proxy.contains("@") ? proxy : "root@" + proxy;
    }

    private ConnectionException failure(HostAddress address, Throwable e) {
      HostKeyChangedException changed = verifier.changedKey(address.hostName(), address.port());
      if (changed != null) {
        return changed;
      }
      String text = SshHosts.message(e);
      if (text.contains("No more authentication methods") || text.contains("authentication failed")) {
        StringBuilder reason = new StringBuilder("authentication refused for user " + address.user() + " (offered "
            + identities.keyPairs().size() + " key(s)" + (settings.keysOnly() ? "" : " and the ssh-agent if any")
            + ")");
        identities.problems().forEach(p -> reason.append("; ").append(p));
        return new ConnectionException(address.name(), reason.toString(), e);
      }
      if (text.contains("Server key did not validate")) {
        return new ConnectionException(address.name(), "host key refused (revoked in "
            + settings.knownHostsFile() + ")", e);
      }
      return new ConnectionException(address.name(), text + " (" + target(address) + ")", e);
    }

    private static String target(HostAddress address) {
      return address.user() + "@" + address.hostName() + ":" + address.port();
    }

    private static void closeQuietly(ClientSession session) {
      if (session != null) {
        session.close(true);
      }
    }

    @Override
    public void close() {
      client.stop();
    }
  }
}

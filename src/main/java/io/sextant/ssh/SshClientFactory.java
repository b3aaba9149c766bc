package io.sextant.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.BaseBuilder;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.kex.MontgomeryCurve;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/** Builds and starts the MINA client for a {@link SshSettings} and opens authenticated sessions with it. */
final class SshClientFactory {
  private static final Duration KEEPALIVE = Duration.ofSeconds(30);
  static final String PREFERRED_KEX = "mlkem768x25519-sha256";

  private SshClientFactory() {}

  /**
   * The one-time work of a first connection that needs no host or settings, in the order the connection needs
   * it: the security providers ({@link SecurityProviders}) and MINA's client factories (before connecting), the
   * post-quantum key pairs (at the start of the key exchange, {@link PreparedKems}), then Ed25519's tables and
   * X25519's code (checking the host key and signing; X25519 is half of every hybrid exchange). Idempotent and
   * thread-safe (class initialisation and MINA's registrar are); failures are ignored, the real connection reports
   * them.
   */
  static void warmUp() {
    try {
      SecurityProviders.install();
      newClient();
      PreparedKems.prepare();
      org.bouncycastle.math.ec.rfc8032.Ed25519.precompute(); // ~10 ms cold
      MontgomeryCurve.x25519.generateKeyPair(); // the generator the hybrid exchanges use (MINA's, BouncyCastle's)
    } catch (Exception | LinkageError e) {
      // nothing to do: the connection that follows does the same work and reports what fails
    }
  }

  /** A started client with the settings applied. */
  static Client start(SshSettings settings) {
    SecurityProviders.install();
    SshClient client = newClient();
    CoreModuleProperties.TCP_NODELAY.set(client, true); // without it each exec waits ~40 ms on Nagle + delayed ACK
    CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, KEEPALIVE);
    // Like OpenSSH's ServerAliveCountMax: a host that stops answering keepalives is dropped, not waited on forever.
    CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(client, KEEPALIVE);
    CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 3);
    CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, settings.connectTimeout());
    CoreModuleProperties.AUTH_TIMEOUT.set(client, settings.connectTimeout());
    // Long hooks or builds may leave a session unused for a while; heartbeats keep it, idle timeout must not kill it.
    CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ofHours(2));
    KnownHostsVerifier verifier = new KnownHostsVerifier(settings.knownHostsFile(), jumpHosts(settings));
    client.setServerKeyVerifier(verifier);
    client.setHostConfigEntryResolver(settings.sshConfigs().isEmpty() ? HostConfigEntryResolver.EMPTY
        : new SshConfigFiles(settings.sshConfigs()));
    // The keys are first needed for authentication, after the TCP connection and the key exchange: parsing them
    // (a few ms to tens of ms) overlaps those instead of delaying the connection.
    CompletableFuture<Identities> identities = CompletableFuture.supplyAsync(() -> Identities.load(settings),
        task -> {
          Thread thread = new Thread(task, "sextant-ssh-keys");
          thread.setDaemon(true);
          thread.start();
        });
    client.setKeyIdentityProvider(session -> identities.join().keyPairs());
    client.setAgentFactory(settings.keysOnly() ? null : AgentConnector.at(settings.agentSocket()).orElse(null));
    client.setForwardingFilter(RemotePortForward.Filter.INSTANCE); // the local registry's forwards (and nothing else)
    client.start();
    return new Client(client, settings, verifier, identities);
  }

  /**
   * MINA's default client with its default algorithms, minus certificate signature types, in OpenSSH's order.
   * MINA's own set-up ({@code SshClient.setUpDefaultClient()}) probes every cipher, MAC, signature and key exchange
   * for support first (the JCE key-length policy, EC curves, DH groups): ~15 ms of CPU on the way to the first
   * connection. With BouncyCastle bundled and the JDK's unlimited crypto policy, every one of them is supported
   * ({@code SshClientFactoryTest} compares the lists), so the probes run only where they can drop something: in
   * MINA's FIPS mode, or under a crypto policy other than unlimited.
   */
  static SshClient newClient() {
    boolean probe = mayLackAlgorithms();
    return ClientBuilder.builder()
        .cipherFactories(BaseBuilder.setUpDefaultCiphers(probe))
        .macFactories(BaseBuilder.setUpDefaultMacs(probe))
        .signatureFactories(openSshOrder(ClientBuilder.setUpDefaultSignatureFactories(probe)))
        .keyExchangeFactories(PreparedKems.preparedHybrids(
            postQuantumFirst(ClientBuilder.setUpDefaultKeyExchanges(probe))))
        .build();
  }

  /** MINA's FIPS mode, or a JCE policy that limits key lengths: MINA's defaults may then include unusable ones. */
  static boolean mayLackAlgorithms() {
    String policy = Security.getProperty("crypto.policy");
    return SecurityUtils.isFipsMode() || (policy != null && !policy.strip().equals("unlimited"));
  }

  /**
   * Key exchanges with the ML-KEM hybrid first, as OpenSSH 10's client orders them; the rest in MINA's order
   * (sntrup761 hybrids, the other ML-KEM hybrids, then curve25519 and the classical ones). Both hybrids are
   * post-quantum, but ML-KEM is the NIST standard (FIPS 203) and 20 to 40 times cheaper in Java (0.5–2 ms against
   * 23 ms for one key generation, encapsulation and decapsulation, C1 only; sntrup761's key generation is most of a
   * new connection's client CPU). A server without ML-KEM (OpenSSH 9.0 to 9.8) gets exactly what it got before.
   */
  static <F extends NamedResource> List<F> postQuantumFirst(List<F> factories) {
    return factories.stream()
        .sorted(java.util.Comparator.comparingInt(f -> f.getName().equals(PREFERRED_KEX) ? 0 : 1))
        .toList();
  }

  /**
   * Host-key (and signature) algorithms in OpenSSH's order of preference, without certificate types (host
   * certificates are not supported). MINA prefers ECDSA; OpenSSH prefers Ed25519, so a known_hosts file written by
   * OpenSSH usually holds the Ed25519 key: asking for the same type first makes it the key that gets checked.
   */
  static List<NamedFactory<Signature>> openSshOrder(List<NamedFactory<Signature>> factories) {
    return factories.stream()
        .filter(f -> !f.getName().contains("-cert-"))
        .sorted(java.util.Comparator.comparingInt(f -> rank(f.getName())))
        .toList();
  }

  private static int rank(String algorithm) {
    if (algorithm.equals("ssh-ed25519")) {
      return 0;
    }
    if (algorithm.startsWith("ecdsa-")) {
      return 1;
    }
    if (algorithm.startsWith("rsa-sha2-512")) {
      return 3;
    }
    if (algorithm.startsWith("rsa-sha2-256")) {
      return 4;
    }
    if (algorithm.equals("ssh-rsa")) {
      return 5;
    }
    return 2; // security-key and other types: after the common ones
  }

  /** The hosts of {@code ssh.proxy} ({@code [user@]host[:port]}, comma-separated for a chain). */
  static List<HostAddress> jumpHosts(SshSettings settings) {
    return settings.proxyJump().map(jumps -> java.util.Arrays.stream(jumps.split(","))
        .map(String::strip).filter(j -> !j.isEmpty())
        .map(j -> HostAddress.parse(j, settings.withPort(SshSettings.DEFAULT_PORT)))
        .toList()).orElse(List.of());
  }

  /** A started MINA client plus what is needed to explain its failures. */
  static final class Client implements AutoCloseable {
    private final SshClient client;
    private final SshSettings settings;
    private final KnownHostsVerifier verifier;
    private final CompletableFuture<Identities> identities;

    Client(SshClient client, SshSettings settings, KnownHostsVerifier verifier,
        CompletableFuture<Identities> identities) {
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
      ProxyCommandBridge bridge = null;
      try {
        if (settings.proxyCommand().isPresent()) {
          bridge = ProxyCommandBridge.start(settings.proxyCommand().get(), address);
          future = client.connect(address.user(),
              new InetSocketAddress(InetAddress.getLoopbackAddress(), bridge.port()), context(address), null);
        } else {
          future = openConnection(address);
        }
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
        if (bridge != null) {
          ProxyCommandBridge opened = bridge;
          session.addCloseFutureListener(closed -> opened.close());
          bridge = null;
        }
        return session;
      } catch (ConnectionException e) {
        closeQuietly(session);
        throw withProxyError(e, bridge, address);
      } catch (IOException | RuntimeException e) {
        closeQuietly(session);
        throw withProxyError(failure(address, e), bridge, address);
      } finally {
        if (bridge != null) {
          bridge.close();
        }
      }
    }

    /** A failure through proxy_command is explained by what the command said on stderr. */
    private static ConnectionException withProxyError(ConnectionException e, ProxyCommandBridge bridge,
        HostAddress address) {
      if (bridge == null || e instanceof HostKeyChangedException) {
        return e;
      }
      try {
        Thread.sleep(50); // let the command's last words arrive
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      String said = bridge.lastError();
      return said.isEmpty() ? e
          : new ConnectionException(address.name(), "ssh.proxy_command failed: " + said, e);
    }

    private ConnectFuture openConnection(HostAddress address) throws IOException {
      if (settings.proxyJump().isPresent()) {
        HostConfigEntry entry = new HostConfigEntry("", address.hostName(), address.port(), address.user(),
            jumpWithUser(settings.proxyJump().get()));
        return client.connect(entry, context(address), null);
      }
      return client.connect(address.user(), address.hostName(), address.port(), context(address), null);
    }

    private static AttributeRepository context(HostAddress address) {
      return AttributeRepository.ofKeyValuePair(KnownHostsVerifier.TARGET, address);
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
            + identities.join().keyPairs().size() + " key(s)" + (settings.keysOnly() ? "" : " and the ssh-agent if any")
            + ")");
        identities.join().problems().forEach(p -> reason.append("; ").append(p));
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

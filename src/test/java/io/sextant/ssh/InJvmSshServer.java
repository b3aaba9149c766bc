package io.sextant.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;

/**
 * A real SSH server inside the test JVM on 127.0.0.1 (random port): runs each command with {@code /bin/sh -c} as
 * the test's own user, accepts the public keys in {@code authorizedKeys}, and counts sessions.
 */
final class InJvmSshServer implements AutoCloseable {
  static {
    SecurityProviders.install(); // the providers production code uses (see SshClientFactory)
  }

  private final SshServer server;
  private final KeyPair hostKey;
  private final AtomicInteger sessions = new AtomicInteger();
  private final java.util.List<String> keyExchanges = new java.util.concurrent.CopyOnWriteArrayList<>();

  private InJvmSshServer(SshServer server, KeyPair hostKey) {
    this.server = server;
    this.hostKey = hostKey;
  }

  static InJvmSshServer start(Path authorizedKeys) throws Exception {
    return start(authorizedKeys, newHostKey(), 0);
  }

  /** A server whose commands run in {@code home} (as if it were the login user's home directory). */
  static InJvmSshServer startIn(Path authorizedKeys, Path home) throws Exception {
    return start(authorizedKeys, newHostKey(), 0, home);
  }

  static InJvmSshServer start(Path authorizedKeys, KeyPair hostKey, int port) throws Exception {
    return start(authorizedKeys, hostKey, port, null);
  }

  static InJvmSshServer start(Path authorizedKeys, KeyPair hostKey, int port, Path home) throws Exception {
    SshServer server = SshServer.setUpDefaultServer();
    CoreModuleProperties.TCP_NODELAY.set(server, true);
    server.setHost("127.0.0.1");
    server.setPort(port);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setForwardingFilter(org.apache.sshd.server.forward.AcceptAllForwardingFilter.INSTANCE); // jump host tests
    if (home == null) {
      server.setCommandFactory(ProcessShellCommandFactory.INSTANCE);
    } else {
      String cd = "cd " + io.sextant.commands.Shell.quote(home.toString()) + " && ";
      server.setCommandFactory((channel, command) ->
          ProcessShellCommandFactory.INSTANCE.createCommand(channel, cd + command));
    }
    InJvmSshServer result = new InJvmSshServer(server, hostKey);
    server.addSessionListener(new SessionListener() {
      @Override
      public void sessionCreated(Session session) {
        result.sessions.incrementAndGet();
      }

      @Override
      public void sessionNegotiationEnd(Session session, java.util.Map<KexProposalOption, String> client,
          java.util.Map<KexProposalOption, String> server, java.util.Map<KexProposalOption, String> negotiated,
          Throwable reason) {
        if (reason == null) {
          result.keyExchanges.add(negotiated.get(KexProposalOption.ALGORITHMS));
        }
      }
    });
    server.start();
    return result;
  }

  /** From now on, new sessions are offered only {@code keyExchange} (as a server without the others would). */
  void offerOnlyKeyExchange(String keyExchange) {
    server.setKeyExchangeFactories(server.getKeyExchangeFactories().stream()
        .filter(factory -> factory.getName().equals(keyExchange)).toList());
  }

  /** The key exchange algorithm each session negotiated, in order. */
  java.util.List<String> keyExchanges() {
    return java.util.List.copyOf(keyExchanges);
  }

  static KeyPair newHostKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** Generates an ed25519 client key with ssh-keygen in {@code dir}; returns the private key file. */
  static Path newClientKey(Path dir, String name) throws IOException, InterruptedException {
    Path key = dir.resolve(name);
    Process process = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f",
        key.toString()).redirectErrorStream(true).start();
    if (process.waitFor() != 0) {
      throw new IOException("ssh-keygen failed: " + new String(process.getInputStream().readAllBytes()));
    }
    return key;
  }

  static void authorize(Path authorizedKeys, Path privateKey) throws IOException {
    Files.writeString(authorizedKeys, Files.readString(Path.of(privateKey + ".pub")),
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
  }

  /** A server in {@code dir} that lets {@code clientKey} in (its {@code authorized_keys} is written there). */
  static InJvmSshServer startFor(Path dir, Path clientKey) throws Exception {
    Path authorizedKeys = dir.resolve("authorized_keys");
    authorize(authorizedKeys, clientKey);
    return start(authorizedKeys);
  }

  /** Client settings for these servers: only {@code clientKey}, {@code knownHosts} of the test's own, 5 s timeout. */
  static SshSettings clientSettings(Path clientKey, Path knownHosts) {
    return SshSettings.defaults()
        .withKeys(java.util.List.of(clientKey), true)
        .withKnownHostsFile(knownHosts)
        .withConnectTimeout(java.time.Duration.ofSeconds(5));
  }

  int port() {
    return server.getPort();
  }

  /** {@code 127.0.0.1:<port>}, optionally with a user, as Sextant host strings name it. */
  String host(String user) {
    return (user == null ? "" : user + "@") + "127.0.0.1:" + port();
  }

  KeyPair hostKey() {
    return hostKey;
  }

  int sessionsCreated() {
    return sessions.get();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }
}

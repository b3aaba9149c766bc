package io.sextant.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Lets tests of other packages start an {@link InJvmSshServer} whose commands run in a home directory of its own. */
public final class InJvmSshServerAccess {
  private InJvmSshServerAccess() {}

  /** A running host; {@link #host()} is its Sextant host string, {@link #home()} where its commands run. */
  public static final class Server implements AutoCloseable {
    private final InJvmSshServer server;
    private final Path home;

    private Server(InJvmSshServer server, Path home) {
      this.server = server;
      this.home = home;
    }

    public String host() {
      return server.host(null);
    }

    public Path home() {
      return home;
    }

    @Override
    public void close() throws Exception {
      server.close();
    }
  }

  /** Starts a host in {@code dir/name}, authorising the client key of {@link #settings(Path)}. */
  public static Server startIn(Path dir, String name) throws Exception {
    Path key = clientKey(dir);
    Path authorized = dir.resolve("authorized_keys");
    if (!Files.exists(authorized)) {
      InJvmSshServer.authorize(authorized, key);
    }
    Path home = Files.createDirectories(dir.resolve(name));
    return new Server(InJvmSshServer.startIn(authorized, home), home);
  }

  /** Settings that log in with the test's client key and record host keys under {@code dir}. */
  public static SshSettings settings(Path dir) throws Exception {
    return SshSettings.defaults().withKeys(List.of(clientKey(dir)), true)
        .withKnownHostsFile(dir.resolve("known_hosts")).withConnectTimeout(Duration.ofSeconds(5));
  }

  private static synchronized Path clientKey(Path dir) throws Exception {
    Path key = dir.resolve("client_key");
    if (!Files.exists(key)) {
      InJvmSshServer.newClientKey(dir, "client_key");
    }
    return key;
  }
}

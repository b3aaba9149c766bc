package io.sextant.ssh;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code sshd} for integration tests, started by the test on 127.0.0.1 at a free port with its own
 * configuration, host key and authorized key under a temporary directory. Logins go to a throw-away user
 * ({@value #USER}, shell {@code /bin/sh}, home inside the temporary directory) so nothing of root's home is used.
 * Needs root and {@code /usr/sbin/sshd}.
 */
public final class OpenSshServer implements AutoCloseable {
  public static final String USER = "sextant-ssh-it";

  private final Path dir;
  private final Path home;
  private final Path clientKey;
  private final int port;
  private final Process sshd;

  private OpenSshServer(Path dir, Path home, Path clientKey, int port, Process sshd) {
    this.dir = dir;
    this.home = home;
    this.clientKey = clientKey;
    this.port = port;
    this.sshd = sshd;
  }

  /**
   * Fails the test, loudly, when this machine cannot run it (as every other integration test does when it cannot
   * bring its hosts up): it needs root and OpenSSH's {@code sshd} and {@code useradd}. CI runs as root.
   */
  public static void requireAvailable() {
    List<String> missing = new java.util.ArrayList<>();
    for (String program : List.of("/usr/sbin/sshd", "/usr/sbin/useradd")) {
      if (!Files.isExecutable(Path.of(program))) {
        missing.add(program);
      }
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      missing.add("root (running as " + System.getProperty("user.name") + ")");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("this integration test needs " + String.join(", ", missing)
          + ": run it as root on a machine with openssh-server (as ./test.sh does)");
    }
  }

  public static OpenSshServer start(Path dir) throws Exception {
    // The login user must be able to reach its home and read authorized_keys inside the (root-owned) temp dir.
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path home = Files.createDirectories(dir.resolve("home"));
    // sshd's standard privilege-separation directory; shared and harmless, so created if missing, never removed.
    Files.createDirectories(Path.of("/run/sshd"));
    run("userdel", USER); // left over from an aborted run, if any
    // "*" = no password but not locked: with UsePAM no, sshd refuses even key logins to locked ("!") accounts.
    require(run("useradd", "-M", "-p", "*", "-d", home.toString(), "-s", "/bin/sh", USER), "useradd");
    require(run("chown", USER, home.toString()), "chown");
    Path hostKey = dir.resolve("ssh_host_ed25519_key");
    require(run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()), "ssh-keygen host");
    Path clientKey = InJvmSshServer.newClientKey(dir, "client_key");
    Path authorized = dir.resolve("authorized_keys");
    Files.copy(Path.of(clientKey + ".pub"), authorized);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config = dir.resolve("sshd_config");
    Files.writeString(config, String.join("\n", List.of(
        "Port " + port,
        "ListenAddress 127.0.0.1",
        "HostKey " + hostKey,
        "PidFile " + dir.resolve("sshd.pid"),
        "AuthorizedKeysFile " + authorized,
        "UsePAM no",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes",
        "StrictModes no",
        "AllowUsers " + USER,
        "MaxStartups 50:30:100",
        "MaxSessions 50",
        "LogLevel ERROR",
        "")), StandardCharsets.UTF_8);
    Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
    OpenSshServer server = new OpenSshServer(dir, home, clientKey, port, sshd);
    server.awaitListening();
    return server;
  }

  public String host() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The login user's home: where relative remote paths such as {@code .kamal} land. */
  public Path home() {
    return home;
  }

  public Path hostPublicKey() {
    return dir.resolve("ssh_host_ed25519_key.pub");
  }

  public SshSettings settings() {
    return SshSettings.defaults().withUser(USER).withKeys(List.of(clientKey), true)
        .withKnownHostsFile(dir.resolve("known_hosts")).withConnectTimeout(Duration.ofSeconds(10));
  }

  @Override
  public void close() throws Exception {
    sshd.destroy();
    if (!sshd.waitFor(5, TimeUnit.SECONDS)) {
      sshd.destroyForcibly();
    }
    run("userdel", USER);
  }

  private void awaitListening() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (!sshd.isAlive()) {
        throw new IOException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
      }
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException("sshd did not listen on port " + port);
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return process.waitFor();
  }

  private static void require(int exit, String what) throws IOException {
    if (exit != 0) {
      throw new IOException(what + " failed with exit " + exit);
    }
  }
}

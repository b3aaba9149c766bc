package io.sextant.bench;

import io.sextant.ssh.SecurityProviders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * Benchmark fleet (run by {@code bench/fanout.sh}, not a test): N SSH servers inside one JVM on 127.0.0.1, each on
 * its own port, that accept one client key and answer every command at once with exit 0 and no output. It writes
 * a project for Sextant in DIR ({@code config/deploy.yml} listing the hosts as {@code 127.0.0.1:PORT},
 * {@code .kamal/secrets}, the client key {@code id_ed25519}, {@code hosts.txt} with one {@code PORT} a line for the
 * OpenSSH floor) and then {@code ready}; it runs until its standard input closes, then prints how many sessions
 * and commands it served.
 *
 * <p>Usage: {@code MinaFleet N DIR}.
 */
public final class MinaFleet {
  static {
    SecurityProviders.install(); // the providers production code uses (see SshClientFactory)
  }

  private MinaFleet() {}

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]).toAbsolutePath();
    Files.createDirectories(dir.resolve("config"));
    Files.createDirectories(dir.resolve(".kamal"));

    KeyPair clientKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    ByteArrayOutputStream pem = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "bench", null, pem);
    Path key = dir.resolve("id_ed25519");
    Files.write(key, pem.toByteArray());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(dir.resolve("id_ed25519.pub"), PublicKeyEntry.toString(clientKey.getPublic()) + " bench\n");
    PublicKey allowed = clientKey.getPublic();

    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair hostKey = generator.generateKeyPair();
    AtomicLong sessions = new AtomicLong();
    AtomicLong commands = new AtomicLong();
    List<SshServer> servers = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        SshServer server = SshServer.setUpDefaultServer();
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        CoreModuleProperties.MAX_CONCURRENT_SESSIONS.set(server, 100);
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, offered, session) -> KeyUtils.compareKeys(allowed, offered));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> {
          commands.incrementAndGet();
          return new Succeed();
        });
        server.addSessionListener(new org.apache.sshd.common.session.SessionListener() {
          @Override
          public void sessionCreated(org.apache.sshd.common.session.Session session) {
            sessions.incrementAndGet();
          }
        });
        server.start();
        servers.add(server);
        ports.add(server.getPort());
      }
      writeProject(dir, ports, key);
      Files.writeString(dir.resolve("ready"), count + "\n");
      System.out.println("MinaFleet: " + count + " servers ready in " + dir);
      InputStream in = System.in;
      while (in.read() >= 0) {
        // run until stdin closes (the bench script holds it open)
      }
    } finally {
      for (SshServer server : servers) {
        server.stop(true);
      }
      System.out.println("MinaFleet: served " + sessions.get() + " sessions, " + commands.get() + " commands");
    }
  }

  private static void writeProject(Path dir, List<Integer> ports, Path key) throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("service: bench\nimage: bench/app\nservers:\n  web:\n    hosts:\n");
    StringBuilder hosts = new StringBuilder();
    for (int port : ports) {
      yaml.append("      - 127.0.0.1:").append(port).append('\n');
      hosts.append(port).append('\n');
    }
    yaml.append("registry:\n  server: 127.0.0.1:5000\n  username: bench\n  password:\n    - BENCH_PASSWORD\n");
    yaml.append("ssh:\n  user: root\n  keys_only: true\n  keys:\n    - ").append(key).append('\n');
    yaml.append("builder:\n  arch: amd64\n");
    Files.writeString(dir.resolve("config/deploy.yml"), yaml.toString());
    Files.writeString(dir.resolve(".kamal/secrets"), "BENCH_PASSWORD=bench\n");
    Files.writeString(dir.resolve("hosts.txt"), hosts.toString());
  }

  /** Exit 0 at once, no output: the cheapest possible remote command, so the client's cost is what shows. */
  private static final class Succeed implements Command {
    private ExitCallback exit;

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      exit.onExit(0);
    }

    @Override
    public void destroy(ChannelSession channel) {
      // nothing to release
    }

    @Override
    public void setInputStream(InputStream in) {
      // input is ignored
    }

    @Override
    public void setOutputStream(java.io.OutputStream out) {
      // no output
    }

    @Override
    public void setErrorStream(java.io.OutputStream err) {
      // no output
    }
  }

}

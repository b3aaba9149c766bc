package io.sextant.cli;

import io.sextant.ssh.SecurityProviders;
import io.sextant.ssh.SshHosts;
import io.sextant.ssh.SshSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.AcceptAllPublickeyAuthenticator;
import org.apache.sshd.server.command.AbstractCommandSupport;

/**
 * The launcher's class-data sharing training run ({@code bin/sextant} runs it once per jar, in the background,
 * with {@code -XX:ArchiveClassesAtExit}): it walks the paths real commands take so that their classes come from
 * the archive afterwards. Help of every command; {@code version}; {@code init}, {@code config} and
 * {@code hooks list} in a scratch project (YAML, configuration, hooks); and one SSH connection with an exec and an
 * upload to an SSH server started inside this JVM on 127.0.0.1 (MINA client, BouncyCastle, ed25519 keys,
 * known_hosts). Its working directory must be a scratch directory: {@code init} writes there. Output is
 * discarded; failures are ignored (the archive then just holds fewer classes). Not a user command.
 */
public final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    System.setOut(sink);
    System.setErr(sink);
    try {
      run(Path.of("").toAbsolutePath());
    } catch (Exception | LinkageError e) {
      err.println("sextant CDS training: " + e); // the launcher discards it; useful when run by hand
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  static void run(Path scratch) throws Exception {
    Main.run("--help");
    for (Class<?> command : SextantCommand.SUBCOMMANDS) {
      Main.run(command.getAnnotation(picocli.CommandLine.Command.class).name(), "--help");
    }
    Main.run("version");
    Main.run("init");
    Files.writeString(scratch.resolve("config/deploy.yml"), String.join("\n",
        "service: training",
        "image: training/app",
        "servers:",
        "  web:",
        "    - 127.0.0.1",
        "registry:",
        "  server: 127.0.0.1:5000",
        "  username: training",
        "  password:",
        "    - TRAINING_PASSWORD",
        "env:",
        "  clear:",
        "    MODE: on",
        "  secret:",
        "    - TRAINING_PASSWORD",
        "builder:",
        "  arch: amd64",
        ""));
    Files.writeString(scratch.resolve(".kamal/secrets"), "TRAINING_PASSWORD=training\n");
    Main.run("config");
    Main.run("hooks", "list");
    ssh(scratch);
  }

  /**
   * One connection, exec and upload through {@link SshHosts} to a throw-away in-JVM server that offers the ML-KEM
   * hybrid key exchange (as OpenSSH 9.9+), then one to a server offering only sntrup761 (as OpenSSH 9.0 to 9.8),
   * so both exchanges' classes are archived.
   */
  private static void ssh(Path scratch) throws Exception {
    ssh(scratch, null);
    ssh(scratch, "sntrup761x25519-sha512");
  }

  private static void ssh(Path scratch, String onlyKeyExchange) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    SecurityProviders.install();
    SshServer server = SshServer.setUpDefaultServer();
    CoreModuleProperties.TCP_NODELAY.set(server, true);
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(generator.generateKeyPair()));
    server.setPublickeyAuthenticator(AcceptAllPublickeyAuthenticator.INSTANCE);
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setCommandFactory((channel, command) -> new SucceedingCommand(command));
    if (onlyKeyExchange != null) {
      server.setKeyExchangeFactories(server.getKeyExchangeFactories().stream()
          .filter(factory -> factory.getName().equals(onlyKeyExchange)).toList());
    }
    server.start();
    try {
      KeyPair clientKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
      ByteArrayOutputStream pem = new ByteArrayOutputStream();
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "training", null, pem);
      Path key = scratch.resolve("id_ed25519" + (onlyKeyExchange == null ? "" : "_2"));
      Files.write(key, pem.toByteArray());
      SshSettings settings = SshSettings.defaults()
          .withKeys(List.of(key), true)
          .withKnownHostsFile(scratch.resolve(onlyKeyExchange == null ? "known_hosts" : "known_hosts_2"))
          .withConnectTimeout(Duration.ofSeconds(10));
      String host = "root@127.0.0.1:" + server.getPort();
      try (SshHosts hosts = new SshHosts(settings)) {
        hosts.runAll(List.of(host), h -> "true");
        hosts.run(host, "echo ok");
        hosts.upload(host, "x".getBytes(StandardCharsets.UTF_8), ".kamal/training", "600");
      }
    } finally {
      server.stop(true);
    }
  }

  /** Reads its input, writes one line and exits 0: enough for the client's exec and upload paths. */
  private static final class SucceedingCommand extends AbstractCommandSupport {
    SucceedingCommand(String command) {
      super(command, null);
    }

    @Override
    public void run() {
      try {
        getInputStream().readAllBytes();
        getOutputStream().write("ok\n".getBytes(StandardCharsets.UTF_8));
        getOutputStream().flush();
        onExit(0);
      } catch (IOException e) {
        onExit(1, e.getMessage());
      }
    }
  }
}

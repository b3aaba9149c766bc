package io.sextant.app;

import io.sextant.commands.Shell;
import io.sextant.ssh.InJvmSshServerAccess;
import io.sextant.ssh.SecurityProviders;
import io.sextant.ssh.SshSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;

/**
 * An in-JVM SSH host whose commands run with {@code /bin/sh} in a home directory of its own and with a
 * {@code PATH} of only the executables the test puts in {@link #bin()} (so "Docker is missing" can be staged).
 */
final class FakeHost implements AutoCloseable {
  static {
    SecurityProviders.install(); // the providers production code uses (see SshClientFactory)
  }

  private final SshServer server;
  private final Path home;
  private final Path bin;

  private FakeHost(SshServer server, Path home, Path bin) {
    this.server = server;
    this.home = home;
    this.bin = bin;
  }

  /** Starts a host under {@code dir/name}; log in with {@link #settings(Path)} of the same {@code dir}. */
  static FakeHost start(Path dir, String name) throws Exception {
    SshSettings settings = settings(dir); // creates the client key
    Path authorized = dir.resolve("authorized_keys");
    if (!Files.exists(authorized)) {
      Files.writeString(authorized, Files.readString(Path.of(settings.keys().get(0) + ".pub")));
    }
    Path home = Files.createDirectories(dir.resolve(name).resolve("home"));
    Path bin = Files.createDirectories(dir.resolve(name).resolve("bin"));
    SshServer server = SshServer.setUpDefaultServer();
    CoreModuleProperties.TCP_NODELAY.set(server, true);
    server.setHost("127.0.0.1");
    server.setPort(0);
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    server.setKeyPairProvider(KeyPairProvider.wrap(generator.generateKeyPair()));
    server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorized));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    String prefix = "PATH=" + Shell.quote(bin.toString()) + "; export PATH; cd " + Shell.quote(home.toString())
        + " && ";
    server.setCommandFactory((channel, command) ->
        ProcessShellCommandFactory.INSTANCE.createCommand(channel, prefix + command));
    server.start();
    return new FakeHost(server, home, bin);
  }

  static SshSettings settings(Path dir) throws Exception {
    return InJvmSshServerAccess.settings(dir);
  }

  String host() {
    return "127.0.0.1:" + server.getPort();
  }

  Path home() {
    return home;
  }

  Path bin() {
    return bin;
  }

  /** Puts an executable script named {@code name} on the host's PATH. */
  FakeHost withScript(String name, String body) throws Exception {
    Path script = bin.resolve(name);
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return this;
  }

  /** Puts the machine's own {@code program} on the host's PATH. */
  FakeHost withProgram(String program, String path) throws Exception {
    Files.createSymbolicLink(bin.resolve(program), Path.of(path));
    return this;
  }

  @Override
  public void close() throws Exception {
    server.stop(true);
  }
}

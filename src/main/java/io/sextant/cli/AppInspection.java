package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.commands.AppCommands;
import io.sextant.commands.AuditCommands;
import io.sextant.commands.ContainerSpec;
import io.sextant.config.DeployConfig;
import io.sextant.config.Role;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The read-only {@code app} subcommands (none takes the deploy lock, as in Kamal) and the interactive SSH they share. */
final class AppInspection {
  private AppInspection() {}

  /** {@code app details}: the app's containers ({@code docker ps}) on every host. */
  @Command(name = "details", description = "Show the app's running containers on every host.")
  static final class Details extends AppSubcommand {
    @Override
    protected int run(CommandSession session) {
      printByHost(session, onAppHosts(session, "app details", AppCommands::info));
      return 0;
    }
  }

  /** {@code app containers}: every container of the service (all roles), stopped ones too (rollback candidates). */
  @Command(name = "containers", description = "Show every app container (rollback candidates included).")
  static final class Containers extends AppSubcommand {
    @Override
    protected int run(CommandSession session) {
      printByHost(session, onAppHostsOnce(session, "app containers", AppCommands::listServiceContainers));
      return 0;
    }
  }

  /** {@code app images}: the app's images on every host. */
  @Command(name = "images", description = "Show the app's images on every host.")
  static final class Images extends AppSubcommand {
    @Override
    protected int run(CommandSession session) {
      printByHost(session, onAppHostsOnce(session, "app images", app -> app.listImages(app.repository())));
      return 0;
    }
  }

  /** {@code app version}: the version running on every host (of its first selected role, as Kamal). */
  @Command(name = "version", description = "Show the app version running on every host.")
  static final class Version extends AppSubcommand {
    @Override
    protected int run(CommandSession session) {
      printByHost(session, onAppHostsOnce(session, "app version", AppCommands::currentRunningVersion));
      return 0;
    }
  }

  /** Hands the terminal to the OpenSSH client on {@code host} ({@code ssh -t}), as Kamal does. */
  static int interactiveSsh(CommandSession session, String host, String remoteCommand) throws Exception {
    SshSettings ssh = session.sshSettings();
    // ssh takes one -F file: several ssh_config files go in as Include lines of a file of our own, in order
    Path including = null;
    try {
      if (ssh.sshConfigs().size() > 1) {
        including = Files.createTempFile("sextant-ssh-config-", "");
        Files.writeString(including, includeAll(ssh.sshConfigs()));
      }
      List<String> argv = interactiveSshArgv(ssh, including, host, remoteCommand);
      session.console().debug("Running " + String.join(" ", argv));
      return new ProcessBuilder(argv).inheritIO().start().waitFor();
    } catch (java.io.IOException e) {
      throw new SextantException("cannot start the ssh client: " + e.getMessage(), SextantException.COMMAND_FAILED, e);
    } finally {
      if (including != null) {
        Files.deleteIfExists(including);
      }
    }
  }

  /**
   * Whether this process's standard input is a terminal (Ruby's {@code STDIN.isatty}, which Kamal asks): Java only
   * tells whether stdin and stdout both are, so {@code test -t 0} answers, given this process's stdin.
   */
  static boolean stdinIsTerminal() {
    try {
      return new ProcessBuilder("test", "-t", "0").redirectInput(ProcessBuilder.Redirect.INHERIT).start()
          .waitFor() == 0;
    } catch (java.io.IOException e) {
      return System.console() != null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return System.console() != null;
    }
  }

  /** An ssh_config that includes {@code files} in order (OpenSSH then keeps the first value found, as net-ssh). */
  static String includeAll(List<Path> files) {
    StringBuilder text = new StringBuilder();
    for (Path file : files) {
      text.append("Include \"").append(file.toAbsolutePath()).append("\"\n");
    }
    return text.toString();
  }

  /**
   * The OpenSSH client command line for {@code host} with the configuration's SSH settings: the same known_hosts
   * file as the Java client (OpenSSH would read the passwd home's, ignoring {@code $HOME}), keys, proxy and
   * ssh_config; a new host key is accepted and recorded, as the Java client does.
   */
  static List<String> interactiveSshArgv(SshSettings ssh, String host, String remoteCommand) {
    return interactiveSshArgv(ssh, null, host, remoteCommand);
  }

  /** As above; {@code including}, when given, is the ssh_config to pass instead of the settings' only file. */
  static List<String> interactiveSshArgv(SshSettings ssh, Path including, String host,
      String remoteCommand) {
    List<String> argv = new ArrayList<>(List.of("ssh", "-t", "-p", Integer.toString(ssh.port())));
    if (including != null) {
      argv.addAll(List.of("-F", including.toString()));
    } else if (!ssh.sshConfigs().isEmpty()) {
      argv.addAll(List.of("-F", ssh.sshConfigs().get(0).toString()));
    }
    ssh.keys().forEach(key -> argv.addAll(List.of("-i", key.toString())));
    if (ssh.keysOnly()) {
      argv.addAll(List.of("-o", "IdentitiesOnly=yes"));
    }
    argv.addAll(List.of("-o", "UserKnownHostsFile=" + ssh.knownHostsFile(), "-o", "StrictHostKeyChecking=accept-new"));
    ssh.proxyJump().ifPresent(jump -> argv.addAll(List.of("-J", jump)));
    ssh.proxyCommand().ifPresent(proxy -> argv.addAll(List.of("-o", "ProxyCommand=" + proxy)));
    argv.add(ssh.user() + "@" + host);
    argv.add(remoteCommand);
    return argv;
  }
}

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

/** The read-only {@code app} subcommands and {@code app exec}; none takes the deploy lock, as in Kamal. */
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

  /** {@code app logs}: the running container's logs on every host ({@code -f}: follow one host). */
  @Command(name = "logs", description = "Show the app's logs (-f follows them on the primary host).")
  static final class Logs extends AppSubcommand {
    @Option(names = {"-n", "--lines"}, description = "Number of last lines (default: 100 unless --since).")
    Integer lines;

    @Option(names = {"-s", "--since"}, description = "Only since this time (e.g. 5m, 2h).")
    String since;

    @Option(names = {"-g", "--grep"}, description = "Only lines matching this pattern.")
    String grep;

    @Option(names = "--grep-options", description = "Extra grep options (e.g. \"-i\").")
    String grepOptions;

    @Option(names = {"-f", "--follow"}, description = "Follow the logs on the primary host.")
    boolean follow;

    @Override
    protected int run(CommandSession session) throws Exception {
      // Kamal: 10 lines when following, 100 otherwise, all of them once --since or --grep narrows the logs.
      Integer count = lines != null || since != null || grep != null ? lines : Integer.valueOf(follow ? 10 : 100);
      if (follow) {
        String host = session.selection().appHosts().get(0);
        Role role = firstRole(session, host);
        String command = AppCommands.of(session.config(), role, session.version())
            .logs(null, since, count, grep, grepOptions)
            .replace("xargs docker logs --timestamps", "xargs docker logs --timestamps --follow");
        session.console().info("Following logs on " + host + "...");
        session.hooks().preConnectOnce(session.hookContext());
        return interactiveSsh(session, host, command);
      }
      // A role with nothing to show (grep found nothing, no running container) is not a failure (as Kamal).
      printByHost(session, onAppHosts(session, "app logs",
          app -> "{ " + app.logs(null, since, count, grep, grepOptions) + " || echo 'Nothing found'; }"));
      return 0;
    }
  }

  /** {@code app exec CMD}: in a new container of the version ({@code --reuse}: in the running one). */
  @Command(name = "exec", description = "Run a command in a new app container (or the running one, --reuse).")
  static final class Exec extends AppSubcommand {
    @Option(names = {"-i", "--interactive"}, description = "Interactive (TTY), on the primary host only.")
    boolean interactive;

    @Option(names = "--reuse", description = "Run in the running container instead of a new one.")
    boolean reuse;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Extra environment (repeatable).")
    Map<String, String> env = Map.of();

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
    List<String> command;

    @Override
    protected int run(CommandSession session) throws Exception {
      DeployConfig config = session.config();
      List<String> words = command.size() == 1 ? List.of("sh", "-c", command.get(0)) : command;
      String version = version(session);
      if (interactive) {
        String host = session.selection().appHosts().get(0);
        session.hooks().preConnectOnce(session.hookContext());
        return interactiveSsh(session, host, build(config, firstRole(session, host), version, words, true));
      }
      session.console().info("Launching command with version " + version + " from "
          + (reuse ? "existing" : "new") + " container...");
      String record = auditRecord(session, "Executed app command " + String.join(" ", command));
      List<RemoteResult> results = onAppHostsAllowingFailure(session, record, words, version);
      printByHost(session, results);
      List<RemoteResult> failed = results.stream().filter(result -> !result.ok()).toList();
      if (!failed.isEmpty()) {
        throw new io.sextant.ssh.RemoteException("app exec", failed);
      }
      return 0;
    }

    /**
     * As Kamal: {@code --version} when given; else {@code --reuse} runs in the version running on the first host
     * and a new container uses the image booted last ({@code latest}), not the checkout's (maybe unbuilt) HEAD.
     */
    private String version(CommandSession session) {
      if (session.options().version() != null) {
        return session.options().version();
      }
      String host = session.selection().appHosts().get(0);
      AppCommands app = AppCommands.of(session.config(), firstRole(session, host), "latest");
      if (!reuse) {
        return app.latestImage().substring(app.repository().length() + 1);
      }
      String running = session.ssh().runOrThrow("current version", host, app.currentRunningVersion()).stdout().strip();
      if (running.isEmpty()) {
        throw new SextantException("No running app container on " + host + " to reuse: run without --reuse, or "
            + "`sextant app start`", SextantException.COMMAND_FAILED);
      }
      return running.lines().findFirst().orElseThrow();
    }

    /** The command on every app host, the audit line recorded in the same round trip. */
    private List<RemoteResult> onAppHostsAllowingFailure(CommandSession session, String auditRecord,
        List<String> words, String version) {
      DeployConfig config = session.config();
      return session.ssh().runAll(session.selection().appHosts(), host -> AuditCommands.recordedAhead(auditRecord,
          build(config, firstRole(session, host), version, words, false) + " 2>&1"));
    }

    private String build(DeployConfig config, Role role, String version, List<String> words, boolean tty) {
      AppCommands app = AppCommands.of(config, role, version);
      return reuse
          ? app.executeInExistingContainer(words, env, tty)
          : app.executeInNewContainer(ContainerSpec.of(config, role), words, env, tty, false);
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

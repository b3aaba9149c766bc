package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.commands.AppCommands;
import io.sextant.commands.ContainerSpec;
import io.sextant.commands.Shell;
import io.sextant.config.DeployConfig;
import io.sextant.config.Role;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The read-only {@code app} subcommands and {@code app exec}; none takes the deploy lock (H-48). */
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

  /** {@code app containers}: every app container, stopped ones included (rollback candidates). */
  @Command(name = "containers", description = "Show every app container (rollback candidates included).")
  static final class Containers extends AppSubcommand {
    @Override
    protected int run(CommandSession session) {
      printByHost(session, onAppHosts(session, "app containers", AppCommands::listContainers));
      return 0;
    }
  }

  /** {@code app images}: the app's images on every host. */
  @Command(name = "images", description = "Show the app's images on every host.")
  static final class Images extends AppSubcommand {
    @Override
    protected int run(CommandSession session) {
      printByHost(session, onAppHosts(session, "app images", app -> app.listImages(app.repository())));
      return 0;
    }
  }

  /** {@code app version}: the version running on every host. */
  @Command(name = "version", description = "Show the app version running on every host.")
  static final class Version extends AppSubcommand {
    @Override
    protected int run(CommandSession session) {
      printByHost(session, onAppHosts(session, "app version", AppCommands::currentRunningVersion));
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
      Integer count = lines == null && since == null ? Integer.valueOf(100) : lines;
      if (follow) {
        DeployConfig config = session.config();
        String host = session.selection().appHosts().get(0);
        Role role = config.rolesOf(host).get(0);
        String command = AppCommands.of(config, role, session.version()).logs(null, since, count, grep, grepOptions)
            .replace("xargs docker logs --timestamps", "xargs docker logs --timestamps --follow");
        session.console().info("Following logs on " + host + "...");
        return interactiveSsh(session, host, command);
      }
      printByHost(session, onAppHosts(session, "app logs", app -> app.logs(null, since, count, grep, grepOptions)));
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
      if (interactive) {
        String host = session.selection().appHosts().get(0);
        Role role = config.rolesOf(host).get(0);
        session.hooks().preConnectOnce(session.hookContext());
        return interactiveSsh(session, host, build(config, role, session.version(), words, true));
      }
      session.console().info((reuse ? "Launching command from existing container" : "Launching command with version "
          + session.version() + " from new container") + "...");
      audit(session, session.selection().appHosts(), "Executed app command " + String.join(" ", command));
      List<RemoteResult> results = onAppHostsAllowingFailure(session, words);
      printByHost(session, results);
      List<RemoteResult> failed = results.stream().filter(result -> !result.ok()).toList();
      if (!failed.isEmpty()) {
        throw new io.sextant.ssh.RemoteException("app exec", failed);
      }
      return 0;
    }

    private List<RemoteResult> onAppHostsAllowingFailure(CommandSession session, List<String> words) {
      DeployConfig config = session.config();
      return session.ssh().runAll(session.selection().appHosts(), host -> {
        Role role = config.rolesOf(host).stream()
            .filter(candidate -> session.selection().rolesToHosts().containsKey(candidate.name()))
            .findFirst().orElseThrow();
        return build(config, role, session.version(), words, false) + " 2>&1";
      });
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
    List<String> argv = new ArrayList<>(List.of("ssh", "-t", "-p", Integer.toString(ssh.port())));
    ssh.keys().forEach(key -> argv.addAll(List.of("-i", key.toString())));
    ssh.proxyJump().ifPresent(jump -> argv.addAll(List.of("-J", jump)));
    argv.add(ssh.user() + "@" + host);
    argv.add(remoteCommand);
    try {
      return new ProcessBuilder(argv).inheritIO().start().waitFor();
    } catch (java.io.IOException e) {
      throw new SextantException("cannot start the ssh client: " + e.getMessage(), SextantException.COMMAND_FAILED, e);
    }
  }

  static String quoted(String text) {
    return Shell.quote(text);
  }
}

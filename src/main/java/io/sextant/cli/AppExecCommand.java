package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.commands.AppCommands;
import io.sextant.commands.AppCommands.Stdin;
import io.sextant.commands.AuditCommands;
import io.sextant.commands.ContainerSpec;
import io.sextant.config.DeployConfig;
import io.sextant.config.Role;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code app exec CMD}: the command in a new container of the version on every app host ({@code --reuse}: in the
 * running one; {@code -i}: interactively on the primary host; {@code --detach}: left running in the background;
 * {@code --raw}: each host's standard output alone), as Kamal's
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L90-L161). Takes no lock, as Kamal.
 */
@Command(name = "exec", description = "Run a command in a new app container (or the running one, --reuse).")
final class AppExecCommand extends AppSubcommand implements PassThroughOptions.Command {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Option(names = {"-i", "--interactive"}, description = "Interactive (TTY), on the primary host only.")
  boolean interactive;

  @Option(names = "--reuse", description = "Run in the running container instead of a new one.")
  boolean reuse;

  @Option(names = {"-e", "--env"}, paramLabel = "KEY:VALUE", parameterConsumer = EnvPairs.class,
      description = "Extra environment: KEY:VALUE (as Kamal) or KEY=VALUE; several after one -e, or repeat -e.")
  Map<String, String> env = new LinkedHashMap<>();

  @Option(names = "--detach", description = "Leave the new container running in the background (prints its id).")
  boolean detach;

  @Option(names = "--raw", description = "Print each host's standard output unmodified, nothing else.")
  boolean raw;

  @Parameters(arity = "0..*", paramLabel = "CMD", description = "The command and its arguments.")
  List<String> command = List.of();

  @Override
  protected int run(CommandSession session) throws Exception {
    refuseIncompatibleOptions(); // before the configuration is read, as Kamal
    DeployConfig config = session.config();
    List<String> stripped = command.stream().map(String::strip).toList(); // Kamal's join_commands strips each word
    List<String> words = stripped.size() == 1 ? List.of("sh", "-c", stripped.get(0)) : stripped;
    String version = version(session);
    if (interactive) {
      String host = session.selection().appHosts().get(0);
      session.hooks().preConnectOnce(session.hookContext());
      return AppInspection.interactiveSsh(session, host,
          build(config, firstRole(session, host), version, words, true));
    }
    if (!raw) {
      session.console().info("Launching command with version " + version + " from "
          + (reuse ? "existing" : "new") + " container...");
    }
    String record = auditRecord(session, "Executed app command " + String.join(" ", stripped));
    List<RemoteResult> results = session.ssh().runAll(session.selection().appHosts(),
        host -> AuditCommands.recordedAhead(record,
            build(config, firstRole(session, host), version, words, false) + (raw ? "" : " 2>&1")));
    if (raw) { // as Kamal's puts_by_host with raw: the standard output alone, not stripped (sshkit_with_ext.rb#L22-L26)
      results.forEach(result -> session.console().raw(result.stdout()));
    } else {
      printByHost(session, results);
    }
    List<RemoteResult> failed = results.stream().filter(result -> !result.ok()).toList();
    if (!failed.isEmpty()) {
      throw new RemoteException("app exec", failed);
    }
    return 0;
  }

  /** Kamal's refusals, in its order and words (lib/kamal/cli/app.rb#L100-L110). */
  private void refuseIncompatibleOptions() {
    refuseWith("Detach", detach, "interactive", interactive, "reuse", reuse);
    refuseWith("Raw", raw, "interactive", interactive, "detach", detach);
    if (command.isEmpty()) {
      throw usage("No command provided. You must specify a command to execute.");
    }
  }

  /** Refuses {@code option} given with either of two others, naming those given. */
  private static void refuseWith(String option, boolean given, String first, boolean firstGiven, String second,
      boolean secondGiven) {
    List<String> clashing = new ArrayList<>();
    if (given && firstGiven) {
      clashing.add(first);
    }
    if (given && secondGiven) {
      clashing.add(second);
    }
    if (!clashing.isEmpty()) {
      throw usage(option + " is not compatible with " + String.join(" or ", clashing));
    }
  }

  private static SextantException usage(String message) {
    return new SextantException("app exec: " + message, SextantException.USAGE_OR_CONFIG);
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

  private String build(DeployConfig config, Role role, String version, List<String> words, boolean tty) {
    AppCommands app = AppCommands.of(config, role, version);
    Stdin stdin = !tty ? Stdin.NONE : AppInspection.stdinIsTerminal() ? Stdin.TERMINAL : Stdin.PIPED;
    return reuse
        ? app.executeInExistingContainer(words, env, stdin)
        : app.executeInNewContainer(ContainerSpec.of(config, role), words, env, stdin, detach, execId());
  }

  /** Six random hex digits that make the exec container's name unique, as Kamal's (execution.rb#L34-L36). */
  static String execId() {
    byte[] bytes = new byte[3];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}

package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.agent.AgentPlace;
import io.sextant.agent.AgentSwitch;
import io.sextant.console.LibraryLogs;
import io.sextant.invocation.Invocation;
import io.sextant.ssh.SshHosts;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/** Entry point: parse, run, and map every failure to one line and an exit code (0 ok, 1 failed, 2 usage/config). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (used by tests without spawning a JVM). */
  public static int run(String... given) {
    String[] args;
    Invocation invocation = Invocation.current();
    try {
      args = Aliases.expand(given, invocation.workingDir(), invocation.environment());
    } catch (SextantException e) {
      return report(e, writer(System.err, invocation.streams().stderr()), Arrays.asList(given).contains("--verbose"));
    }
    boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
    // The SSH library's own warnings are noise next to Sextant's one-line errors, except when asked for; set for
    // every command, since the warm agent's JVM runs many.
    LibraryLogs.verbose(verbose);
    // The SSH start-up work (security providers, MINA's client, the first key pairs: the first connection needs
    // it) overlaps argument parsing and configuration loading; when the first word names a connecting command it
    // starts even before picocli builds its model, else once the command is known.
    boolean warming = args.length > 0 && SextantCommand.CONNECTING_WORDS.contains(args[0]);
    if (warming && warmAgentRunning(args)) {
      warming = false; // the agent holds the sessions: this process needs no SSH code at all
    } else if (warming) {
      SshHosts.warmUpInBackground();
    }
    CommandLine commandLine = new CommandLine(new SextantCommand());
    Class<?> invoked = Subcommands.register(commandLine, SextantCommand.SUBCOMMANDS, args);
    PassThroughOptions.enable(commandLine);
    // picocli's messages in the same character sets as the rest of the output (the thin client's, in the agent)
    commandLine.setOut(writer(System.out, invocation.streams().stdout()));
    commandLine.setErr(writer(System.err, invocation.streams().stderr()));
    if (args != given) {
      commandLine.setOverwrittenOptionsAllowed(true); // `console -r workers` overrides the alias's own -r (as Thor)
    }
    if (!warming && invoked != null && SextantCommand.CONNECTING.contains(invoked) && !warmAgentRunning(args)) {
      SshHosts.warmUpInBackground();
    }
    // Reported here rather than by picocli, which lets --help anywhere on the line win over an unknown command
    // (`app foo --help` would print app's usage; Kamal says it has no such command).
    int unknown = invoked == null ? Subcommands.firstWordIndex(commandLine, args)
        : Arrays.asList(args).contains("--help") ? Subcommands.unknownSubcommandIndex(commandLine, args) : -1;
    if (unknown >= 0 && !args[unknown].equals("help")) {
      String missing = MissingCommands.explain(groupBefore(commandLine, args, unknown),
          Arrays.asList(args).subList(unknown, args.length));
      commandLine.getErr().println("ERROR: " + missing);
      commandLine.getErr().flush();
      return SextantException.USAGE_OR_CONFIG;
    }
    commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        ex instanceof Invocation.HandedBack ? 0 : report(ex, cmd.getErr(), verbose));
    commandLine.setParameterExceptionHandler((ex, argv) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
        List<String> words = unmatched.getUnmatched();
        if (!words.isEmpty() && words.get(0).equals("help")) { // Thor's `kamal app help`
          ex.getCommandLine().usage(ex.getCommandLine().getOut());
          return 0;
        }
        String missing = MissingCommands.explain(ex.getCommandLine(), words);
        if (missing != null) {
          err.println("ERROR: " + missing);
          err.flush();
          return SextantException.USAGE_OR_CONFIG;
        }
      }
      err.println("ERROR: " + ex.getMessage());
      err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      err.flush();
      return SextantException.USAGE_OR_CONFIG;
    });
    return commandLine.execute(args);
  }

  /** The command group whose subcommand {@code args[unknown]} should have been: the words before it, walked down. */
  private static CommandLine groupBefore(CommandLine root, String[] args, int unknown) {
    CommandLine group = root;
    for (int i = 0; i < unknown; i++) {
      CommandLine sub = group.getSubcommands().get(args[i]);
      if (sub != null) {
        group = sub;
      }
    }
    return group;
  }

  /**
   * Whether this command may use the agent (neither --no-agent nor SEXTANT_AGENT=0; x-agent is not read yet: a
   * project that sets it false only loses the overlap of this warm-up) and its socket is there.
   */
  private static boolean warmAgentRunning(String[] args) {
    Map<String, String> environment = Invocation.current().environment();
    return AgentSwitch.early(Arrays.asList(args), environment).maybeEnabled()
        && Files.exists(AgentPlace.of(environment).socket());
  }

  private static PrintWriter writer(java.io.OutputStream stream, java.nio.charset.Charset charset) {
    return new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, charset)), true);
  }

  static int report(Exception ex, PrintWriter err, boolean verbose) {
    if (ex instanceof SextantException known) {
      err.println("ERROR: " + known.getMessage());
      if (verbose && known.getCause() != null) {
        known.getCause().printStackTrace(err);
      }
      err.flush();
      return known.exitCode();
    }
    err.println("ERROR: " + ex.getClass().getSimpleName() + ": " + ex.getMessage()
        + (verbose ? "" : " (run with --verbose for details)"));
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return SextantException.COMMAND_FAILED;
  }

  /** The tool version, from the jar's build properties. */
  public static String toolVersion() {
    try (InputStream in = Main.class.getResourceAsStream("/io/sextant/version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}

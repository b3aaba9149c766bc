package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.agent.AgentPlace;
import io.sextant.agent.AgentServer;
import io.sextant.console.LibraryLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code agent serve} (hidden): the agent itself, in the foreground; {@code agent start} runs it detached. */
@Command(name = "serve", hidden = true, description = "Run the agent in the foreground.")
public final class AgentServeCommand extends BaseCommand {
  @Override
  protected int execute() throws Exception {
    Map<String, String> environment = System.getenv();
    long idle;
    try {
      idle = AgentPlace.idleSeconds(environment);
    } catch (IllegalArgumentException e) {
      throw new SextantException(e.getMessage(), SextantException.USAGE_OR_CONFIG);
    }
    new AgentServer(AgentPlace.of(environment), Duration.ofSeconds(idle), new WholeCommands()).serve();
    return 0;
  }

  /** A thin client's command, run here by {@link Main} as in its own process. */
  static final class WholeCommands implements AgentServer.CommandRunner {
    @Override
    public boolean runsLocally(List<String> args, Path workingDir, Map<String, String> environment) {
      if (args.isEmpty() || args.contains("--help") || args.get(0).equals("help") || args.get(0).equals("agent")) {
        return true; // help is laid out for the client's terminal; agent commands work on the agent itself
      }
      try {
        return AgentServer.interactive(List.of(Aliases.expand(args.toArray(String[]::new), workingDir,
            environment)));
      } catch (RuntimeException e) {
        return false; // a broken alias is reported by the command, here as in the client
      }
    }

    /** Runs the command; what it set for this whole JVM (the libraries' log level: --verbose) is put back. */
    @Override
    public int run(String[] args) {
      boolean verbose = LibraryLogs.verbose();
      try {
        return Main.run(args);
      } finally {
        LibraryLogs.verbose(verbose);
      }
    }
  }
}

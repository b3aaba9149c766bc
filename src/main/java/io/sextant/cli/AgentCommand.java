package io.sextant.cli;

import picocli.CommandLine.Command;

/**
 * {@code sextant agent start | stop | status}: the per-user warm agent that keeps SSH sessions open between
 * commands (Sextant's own, no Kamal equivalent; on with {@code SEXTANT_AGENT=1}, see docs/agent.md).
 */
@Command(name = "agent", description = "Start, stop or show the warm agent that keeps SSH sessions open.",
    subcommands = {AgentStartCommand.class, AgentStopCommand.class, AgentStatusCommand.class,
        AgentServeCommand.class})
public final class AgentCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

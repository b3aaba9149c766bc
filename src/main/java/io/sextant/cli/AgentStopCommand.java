package io.sextant.cli;

import io.sextant.agent.AgentClient;
import io.sextant.agent.AgentPlace;
import picocli.CommandLine.Command;

/** {@code agent stop}: closes the agent's sessions and stops it (nothing to do when none runs). */
@Command(name = "stop", description = "Stop the agent and close its SSH sessions.")
public final class AgentStopCommand extends BaseCommand {
  @Override
  protected int execute() {
    AgentPlace place = AgentPlace.of(System.getenv());
    String stopped = new AgentClient(place, console()::error).ask(AgentClient.STOP);
    console().info(stopped == null ? "Agent not running" : "Agent stopped (" + stopped + ")");
    return 0;
  }
}

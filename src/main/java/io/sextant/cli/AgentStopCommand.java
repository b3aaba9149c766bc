package io.sextant.cli;

import io.sextant.agent.AgentClient;
import io.sextant.agent.AgentPlace;
import picocli.CommandLine.Command;

/**
 * {@code agent stop}: closes the agent's sessions and stops it, and any agent of an earlier build of Sextant still
 * idling in the same directory (nothing to do when none runs).
 */
@Command(name = "stop", description = "Stop the agent and close its SSH sessions.")
public final class AgentStopCommand extends BaseCommand {
  @Override
  protected int execute() {
    boolean any = false;
    for (AgentPlace place : AgentPlace.of(System.getenv()).everyBuild()) {
      String stopped = new AgentClient(place, console()::error).ask(AgentClient.STOP);
      if (stopped != null) {
        console().info("Agent stopped (" + stopped + ")");
        any = true;
      }
    }
    if (!any) {
      console().info("Agent not running");
    }
    return 0;
  }
}

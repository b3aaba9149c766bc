package io.sextant.cli;

import io.sextant.agent.AgentClient;
import io.sextant.agent.AgentPlace;
import picocli.CommandLine.Command;

/** {@code agent status}: the running agent's pid, socket, sessions and counters; exit 1 when none runs. */
@Command(name = "status", description = "Show whether the agent runs, its sessions and counters.")
public final class AgentStatusCommand extends BaseCommand {
  @Override
  protected int execute() {
    AgentPlace place = AgentPlace.of(System.getenv());
    String status = new AgentClient(place, console()::error).ask(AgentClient.STATUS);
    if (status == null) {
      console().info("Agent not running (" + place.socket() + ")");
      return 1;
    }
    console().result(status.stripTrailing());
    return 0;
  }
}

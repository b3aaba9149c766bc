package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.agent.AgentClient;
import io.sextant.agent.AgentPlace;
import io.sextant.agent.AgentStarter;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code agent start}: starts the agent in the background (if none runs) and waits until it answers. */
@Command(name = "start", description = "Start the agent in the background (commands also start it on demand).")
public final class AgentStartCommand extends BaseCommand {
  @Override
  protected int execute() throws Exception {
    Map<String, String> environment = System.getenv();
    AgentPlace place = AgentPlace.of(environment);
    AgentClient client = new AgentClient(place, console()::error);
    String status = client.ask(AgentClient.STATUS);
    if (status != null) {
      console().info("Agent already running (" + status.lines().findFirst().orElse("") + ")");
      return 0;
    }
    if (!AgentStarter.start(place, environment)) {
      throw new SextantException("agent start: run it through the sextant launcher", SextantException.USAGE_OR_CONFIG);
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      Thread.sleep(50);
      status = client.ask(AgentClient.STATUS);
      if (status != null) {
        console().info("Agent started (" + status.lines().findFirst().orElse("") + ")");
        return 0;
      }
    }
    throw new SextantException("agent start: no agent answered on " + place.socket() + " within 30s",
        SextantException.COMMAND_FAILED);
  }
}

package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.agent.AgentPlace;
import io.sextant.agent.AgentServer;
import java.time.Duration;
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
    new AgentServer(AgentPlace.of(environment), Duration.ofSeconds(idle)).serve();
    return 0;
  }
}

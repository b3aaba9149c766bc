package io.sextant.cli;

import java.util.Map;

/**
 * Every test of {@link AppCommandsIT} (a deploy of two versions, then {@code app version|details|containers|
 * images|logs|exec|stop|start}) again with whole commands run in the warm agent by the thin client
 * ({@code SEXTANT_AGENT=thin}, issue 20; the first command starts the agent): the same output and exit codes.
 */
class AppCommandsThinIT extends AppCommandsIT {
  @Override
  Map<String, String> environment() {
    Map<String, String> env = super.environment();
    env.put("SEXTANT_AGENT", "thin");
    return env;
  }
}

package io.sextant.cli;

import io.sextant.testing.ColdPath;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * Every test of {@link AppCommandsIT} (a deploy of two versions, then {@code app version|details|containers|
 * images|logs|exec|stop|start}) again on the cold path ({@code SEXTANT_AGENT=0}, issue 20): the suite runs with the
 * agent on, as users do; this twin proves the same output and exit codes without it.
 */
class AppCommandsColdIT extends AppCommandsIT {
  @Override
  Map<String, String> environment() {
    Map<String, String> env = super.environment();
    env.put("SEXTANT_AGENT", "0");
    return env;
  }

  @AfterEach
  void noAgentRan() throws Exception {
    ColdPath.assertNoAgentRan();
  }
}

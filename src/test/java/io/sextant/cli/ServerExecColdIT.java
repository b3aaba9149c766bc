package io.sextant.cli;

import io.sextant.testing.ColdPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every test of {@link ServerExecIT} again on the cold path ({@code SEXTANT_AGENT=0}, issue 20): the suite runs
 * with the agent on, as users do, and this twin proves the same output, exit codes and audit lines without it.
 */
class ServerExecColdIT extends ServerExecIT {
  @BeforeEach
  void withoutTheAgent() {
    project.withoutAgent();
  }

  @AfterEach
  void noAgentRan() throws Exception {
    ColdPath.assertNoAgentRan();
  }
}

package io.sextant.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every test of {@link LockIT} again with the warm agent running (issue 20): the same output, exit codes, hooks,
 * lock behaviour and audit lines whether the execs run in-process or in the agent.
 */
class LockAgentIT extends LockIT {
  @BeforeEach
  void throughTheAgent() throws Exception {
    project.startAgent();
  }

  @AfterEach
  void stopTheAgent() throws Exception {
    project.stopAgent();
  }
}

package io.sextant.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every test of {@link LockIT} again with the warm agent started before each test (issue 20), so that every command
 * is served by it, Ctrl-C and SIGTERM to a lock holder among them (the lock released, the hook's process group
 * ended): the same output, exit codes, hooks, lock behaviour and audit lines as in-process ({@link LockColdIT}).
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

package io.sextant.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every test of {@link ServerExecIT} again with whole commands run in the warm agent by the thin client
 * ({@code SEXTANT_AGENT=thin}, issue 20): the same output, exit codes, hooks, lock behaviour, signals and audit lines
 * as in-process, and the agent did run commands.
 */
class ServerExecThinIT extends ServerExecIT {
  @BeforeEach
  void throughTheAgent() throws Exception {
    project.startAgent("thin");
  }

  @AfterEach
  void stopTheAgent() throws Exception {
    project.stopAgentThatRanCommands();
  }
}

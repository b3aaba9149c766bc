package io.sextant.cli;

import org.junit.jupiter.api.AfterEach;

/**
 * Every test of {@link LockIT} again with the warm agent serving only the SSH channels
 * ({@code SEXTANT_AGENT=channels}, issue 20): the commands run in their own {@code sextant} process and hand their
 * execs to the agent; the same output, exit codes, hooks, lock behaviour, signals and audit lines, and the agent did
 * serve execs (and ran no whole command).
 */
class LockChannelsIT extends LockIT {
  @Override
  void meetTheAgent() throws Exception {
    project.startAgent("channels");
  }

  @AfterEach
  void theAgentServedTheChannels() throws Exception {
    project.stopAgentThatServedChannelsOnly();
  }
}

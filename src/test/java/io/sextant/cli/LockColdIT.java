package io.sextant.cli;

import io.sextant.testing.ColdPath;
import org.junit.jupiter.api.AfterEach;

/**
 * Every test of {@link LockIT} again on the cold path ({@code SEXTANT_AGENT=0}, issue 20): the suite runs with the
 * agent on, as users do; this twin proves the same output, exit codes, hooks, lock behaviour and audit lines
 * without it.
 */
class LockColdIT extends LockIT {
  @Override
  void meetTheAgent() {
    project.withoutAgent();
  }

  @AfterEach
  void noAgentRan() throws Exception {
    ColdPath.assertNoAgentRan();
  }
}

package io.sextant.deploy;

import io.sextant.testing.ColdPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every step of {@link DeployIT} ({@code setup}, {@code deploy}, {@code redeploy}, {@code rollback}, hooks in
 * Kamal's order with their variables, the lock, the audit log) again on the cold path ({@code SEXTANT_AGENT=0},
 * issue 20): the suite runs with the agent on, as users do; this twin proves the same behaviour without it.
 */
class DeployColdIT extends DeployIT {
  @BeforeAll
  static void withoutTheAgent() {
    project.extraEnv.put("SEXTANT_AGENT", "0");
  }

  @AfterEach
  void noAgentRan() throws Exception {
    ColdPath.assertNoAgentRan();
  }
}

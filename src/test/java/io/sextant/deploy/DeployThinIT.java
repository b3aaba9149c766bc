package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every step of {@link DeployIT} ({@code setup}, {@code deploy}, {@code redeploy}, {@code rollback}, hooks in
 * Kamal's order with their variables, the lock, the audit log) again with whole commands run in the warm agent by
 * the thin client ({@code SEXTANT_AGENT=thin}, issue 20; the first command starts the agent), and the agent did run
 * them.
 */
class DeployThinIT extends DeployIT {
  @BeforeAll
  static void throughTheThinClient() {
    project.extraEnv.put("SEXTANT_AGENT", "thin");
  }

  @AfterAll
  static void theAgentRanCommands() throws Exception {
    DeployProject.Run status = project.sextant("agent", "status");
    assertThat(status.stdout()).as(status.toString()).containsPattern("(?m)^commands run: [1-9]");
  }
}

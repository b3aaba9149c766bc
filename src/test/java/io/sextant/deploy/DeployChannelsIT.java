package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every step of {@link DeployIT} ({@code setup}, {@code deploy}, {@code redeploy}, {@code rollback}, hooks in
 * Kamal's order with their variables, the lock, the audit log) again with the warm agent serving only the SSH
 * channels ({@code SEXTANT_AGENT=channels}, issue 20; the first command starts the agent): the commands run in their
 * own {@code sextant} process, and the agent served their execs and ran none of them whole.
 */
class DeployChannelsIT extends DeployIT {
  @BeforeAll
  static void throughTheAgentsChannels() {
    project.extraEnv.put("SEXTANT_AGENT", "channels");
  }

  @AfterAll
  static void theAgentServedTheChannels() throws Exception {
    DeployProject.Run status = project.sextant("agent", "status");
    assertThat(status.stdout()).as(status.toString()).containsPattern("(?m)^execs served: [1-9]")
        .containsPattern("(?m)^commands run: 0$");
  }
}

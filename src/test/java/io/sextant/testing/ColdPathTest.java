package io.sextant.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the cold twins' proof accepts: an agent directory with no agent's file in it, and nothing else. */
class ColdPathTest {
  @Test
  void acceptsAnAgentDirectoryWithoutAgentFiles() throws Exception {
    Files.writeString(AgentMode.dir().resolve("unrelated.txt"), "not an agent's\n");

    assertThatCode(ColdPath::assertNoAgentRan).doesNotThrowAnyException();
  }

  @Test
  void failsNamingTheFilesAnAgentLeft() throws Exception {
    Path dir = AgentMode.dir();
    Files.writeString(dir.resolve("agent-0123abcd.pid"), "999999999\n"); // no such process: nothing to stop
    Files.createFile(dir.resolve("agent-0123abcd.sock"));
    try {
      assertThatThrownBy(ColdPath::assertNoAgentRan).isInstanceOf(AssertionError.class)
          .hasMessageContaining("used the warm agent: [agent-0123abcd.pid, agent-0123abcd.sock]")
          .hasMessageContaining("agent pids [999999999]");
    } finally {
      Files.delete(dir.resolve("agent-0123abcd.pid"));
      Files.delete(dir.resolve("agent-0123abcd.sock"));
    }
  }
}

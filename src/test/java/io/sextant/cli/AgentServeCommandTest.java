package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.console.LibraryLogs;
import org.junit.jupiter.api.Test;

class AgentServeCommandTest {
  @Test
  void aCommandRunInTheAgentLeavesTheLibrariesLogLevelAsItFoundIt() {
    AgentServeCommand.WholeCommands commands = new AgentServeCommand.WholeCommands();
    LibraryLogs.verbose(false);

    assertThat(commands.run(new String[] {"version", "--verbose"})).isZero();
    assertThat(LibraryLogs.verbose()).as("after a --verbose command").isFalse();

    LibraryLogs.verbose(true);
    try {
      assertThat(commands.run(new String[] {"version"})).isZero();
      assertThat(LibraryLogs.verbose()).as("after a quiet one, in an agent started verbose").isTrue();
    } finally {
      LibraryLogs.verbose(false);
    }
  }
}

package io.sextant.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedCommandsTest {
  @Test
  void commandsThatNeedATerminalAreInteractive() {
    assertThat(ForwardedCommands.interactive(List.of("app", "exec", "-i", "bash"))).isTrue();
    assertThat(ForwardedCommands.interactive(List.of("server", "exec", "--interactive", "top"))).isTrue();
    assertThat(ForwardedCommands.interactive(List.of("app", "logs", "-f"))).isTrue();
    assertThat(ForwardedCommands.interactive(List.of("proxy", "logs", "--follow"))).isTrue();
    assertThat(ForwardedCommands.interactive(List.of("app", "exec", "-iq", "bash"))).as("a cluster").isTrue();
  }

  @Test
  void otherCommandsAndWordsAfterDashDashAreNot() {
    assertThat(ForwardedCommands.interactive(List.of("lock", "status"))).isFalse();
    assertThat(ForwardedCommands.interactive(List.of("server", "exec", "-h", "10.0.0.1", "true"))).isFalse();
    assertThat(ForwardedCommands.interactive(List.of("server", "exec", "--", "grep", "-i", "x"))).isFalse();
    assertThat(ForwardedCommands.interactive(List.of("app", "exec", "ls -f"))).isFalse();
    assertThat(ForwardedCommands.interactive(List.of("deploy", "--skip-push", "-"))).isFalse();
  }
}

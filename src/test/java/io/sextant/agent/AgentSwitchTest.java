package io.sextant.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.SextantException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentSwitchTest {
  private static final Optional<Boolean> UNSET = Optional.empty();

  @Test
  void onByDefault() {
    assertThat(AgentSwitch.of(null, Map.of()).enabled(UNSET)).isTrue();
    assertThat(AgentSwitch.of(null, Map.of("SEXTANT_AGENT", "")).enabled(UNSET)).isTrue();
    assertThat(AgentSwitch.of(null, Map.of()).beforeConfig()).isEmpty();
    assertThat(AgentSwitch.of(null, Map.of()).maybeEnabled()).isTrue();
  }

  @Test
  void theFlagWinsOverTheEnvironmentWhichWinsOverTheConfiguration() {
    Map<String, String> off = Map.of("SEXTANT_AGENT", "0");
    Map<String, String> on = Map.of("SEXTANT_AGENT", "1");
    assertThat(AgentSwitch.of(null, Map.of()).enabled(Optional.of(false))).isFalse();
    assertThat(AgentSwitch.of(null, on).enabled(Optional.of(false))).isTrue();
    assertThat(AgentSwitch.of(null, off).enabled(Optional.of(true))).isFalse();
    assertThat(AgentSwitch.of(null, off).enabled(UNSET)).isFalse();
    assertThat(AgentSwitch.of(true, off).enabled(Optional.of(false))).isTrue();
    assertThat(AgentSwitch.of(false, on).enabled(Optional.of(true))).isFalse();
    assertThat(AgentSwitch.of(false, Map.of()).beforeConfig()).contains(false);
    assertThat(AgentSwitch.of(null, off).maybeEnabled()).isFalse();
  }

  @Test
  void theEnvironmentTakesTheUsualWordsForOnAndOffAndRefusesOthers() {
    for (String word : List.of("0", "false", "No", "OFF ")) {
      assertThat(AgentSwitch.of(null, Map.of("SEXTANT_AGENT", word)).environment()).as(word).isFalse();
    }
    for (String word : List.of("1", "true", "yes", "On")) {
      assertThat(AgentSwitch.of(null, Map.of("SEXTANT_AGENT", word)).environment()).as(word).isTrue();
    }
    assertThatThrownBy(() -> AgentSwitch.of(null, Map.of("SEXTANT_AGENT", "2")))
        .isInstanceOf(SextantException.class)
        .hasMessage("SEXTANT_AGENT=2: expected 0, false, no, off (no warm agent), 1, true, yes, on, thin (commands"
            + " run in the warm agent) or channels (only their SSH channels do)")
        .extracting(e -> ((SextantException) e).exitCode()).isEqualTo(2);
  }

  @Test
  void earlyReadsTheLastFlagBeforeADoubleDashAndLeavesABadEnvironmentForLater() {
    assertThat(AgentSwitch.early(List.of("lock", "status", "--no-agent"), Map.of()).flag()).isFalse();
    assertThat(AgentSwitch.early(List.of("--no-agent", "deploy", "--agent"), Map.of()).flag()).isTrue();
    assertThat(AgentSwitch.early(List.of("app", "exec", "--", "cmd", "--no-agent"), Map.of()).flag()).isNull();
    AgentSwitch bad = AgentSwitch.early(List.of("deploy"), Map.of("SEXTANT_AGENT", "maybe"));
    assertThat(bad.environment()).isNull();
    assertThat(bad.maybeEnabled()).isTrue();
  }

  @Test
  void onMeansTheThinClientUnlessOnlyTheChannelsAreAskedFor() {
    List<String> command = List.of("lock", "status");
    assertThat(AgentSwitch.thin(command, Map.of())).as("the default").isTrue();
    for (String word : List.of("1", "true", "yes", "on", "thin", "Thin ")) {
      assertThat(AgentSwitch.thin(command, Map.of("SEXTANT_AGENT", word))).as(word).isTrue();
      assertThat(AgentSwitch.of(null, Map.of("SEXTANT_AGENT", word)).enabled(Optional.of(false))).as(word)
          .isTrue();
    }
    assertThat(AgentSwitch.thin(List.of("lock", "status", "--no-agent"), Map.of())).isFalse();
    assertThat(AgentSwitch.thin(List.of("lock", "status", "--agent"), Map.of("SEXTANT_AGENT", "0")))
        .as("the launcher starts the CLI itself for an off SEXTANT_AGENT: --agent brings back the channels").isFalse();
    assertThat(AgentSwitch.thin(command, Map.of("SEXTANT_AGENT", "off"))).isFalse();
    assertThat(AgentSwitch.thin(command, Map.of("SEXTANT_AGENT", "maybe"))).as("reported by the command").isFalse();

    Map<String, String> channels = Map.of("SEXTANT_AGENT", "channels");
    assertThat(AgentSwitch.thin(command, channels)).isFalse();
    AgentSwitch decided = AgentSwitch.of(null, channels);
    assertThat(decided.channelsOnly()).isTrue();
    assertThat(decided.enabled(Optional.of(false))).as("on, over x-agent: false").isTrue();
    assertThat(AgentSwitch.of(false, channels).enabled(Optional.empty())).isFalse();
    assertThat(AgentSwitch.of(null, Map.of("SEXTANT_AGENT", "1")).channelsOnly()).isFalse();
  }
}

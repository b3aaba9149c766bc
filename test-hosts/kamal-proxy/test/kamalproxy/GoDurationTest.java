package kamalproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Go's time.ParseDuration / Duration.String, which kamal-proxy's flags and error messages use. */
class GoDurationTest {
  @Test
  void parsesGoSyntax() {
    assertThat(GoDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse("2h45m")).isEqualTo(Duration.ofMinutes(165));
  }

  @Test
  void refusesWhatGoRefuses() {
    assertThatThrownBy(() -> GoDuration.parse("30")).hasMessage("time: missing unit in duration \"30\"");
    assertThatThrownBy(() -> GoDuration.parse("3d")).hasMessage("time: unknown unit \"d\" in duration \"3d\"");
    assertThatThrownBy(() -> GoDuration.parse("")).hasMessage("time: invalid duration \"\"");
    assertThatThrownBy(() -> GoDuration.parse("s")).hasMessage("time: invalid duration \"s\"");
  }

  @Test
  void formatsAsGoPrints() {
    assertThat(GoDuration.format(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(GoDuration.format(Duration.ofSeconds(60))).isEqualTo("1m0s");
    assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoDuration.format(Duration.ofHours(1))).isEqualTo("1h0m0s");
    assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoDuration.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
  }
}

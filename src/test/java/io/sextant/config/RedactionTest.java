package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one redaction rule (D8): long secrets everywhere, short ones where they stand alone. */
class RedactionTest {
  @Test
  void aSecretOfFourCharactersOrMoreIsReplacedEvenInsideWords() {
    assertThat(Redaction.redact("token=s3cr3t; xs3cr3tx", List.of("s3cr3t")))
        .isEqualTo("token=[REDACTED]; x[REDACTED]x");
    assertThat(Redaction.redact("pin 4711 in 947110", List.of("4711"))).isEqualTo("pin [REDACTED] in 9[REDACTED]0");
  }

  @Test
  void aShortSecretIsNotReplacedInsideWords() {
    assertThat(Redaction.redact("Ensure kamal-proxy is running", List.of("x"))).isEqualTo(
        "Ensure kamal-proxy is running");
    assertThat(Redaction.redact("App Host: 10.0.0.123", List.of("12"))).isEqualTo("App Host: 10.0.0.123");
  }

  @Test
  void aShortSecretStandingAloneIsStillReplaced() {
    assertThat(Redaction.redact("PASSWORD=ab\ndocker login -p ab\npostgres://u:ab@db \"ab\" ab", List.of("ab")))
        .isEqualTo("PASSWORD=[REDACTED]\ndocker login -p [REDACTED]\npostgres://u:[REDACTED]@db \"[REDACTED]\""
            + " [REDACTED]");
    assertThat(Redaction.redact("x", List.of("x"))).isEqualTo("[REDACTED]");
    assertThat(Redaction.redact("-> $b and $bc", List.of("$b"))).isEqualTo("-> [REDACTED] and $bc");
  }

  @Test
  void longerSecretsGoFirstAndTheMarkerIsNotRedactedAgain() {
    assertThat(Redaction.redact("pw=hunter2 D", List.of("hunter2", "D", "RE"))).isEqualTo("pw=[REDACTED] [REDACTED]");
    assertThat(Redaction.redact("user hunter2x", List.of("hunter2", "hunter2x"))).isEqualTo("user [REDACTED]");
    // read once: the marker written for a long value does not make a short one stand alone after it
    assertThat(Redaction.redact("hunter22x x", List.of("x", "hunter22"))).isEqualTo("[REDACTED]x [REDACTED]");
  }
}

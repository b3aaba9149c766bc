package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditCommandsTest {
  private final AuditCommands audit = new AuditCommands("app-staging");

  @Test
  void logLivesWhereKamalKeepsIt() {
    assertThat(audit.logFile()).isEqualTo(".kamal/app-staging-audit.log");
  }

  @Test
  void lineHasTimePerformerDestinationAndAOneLineMessage() {
    assertThat(AuditCommands.line(Instant.parse("2026-11-25T12:00:00.123Z"), "dev@example.com", "staging",
        "Deployed v2\nwith hooks"))
        .isEqualTo("[2026-11-25T12:00:00Z] [dev@example.com] [staging] Deployed v2 with hooks");
    assertThat(AuditCommands.line(Instant.parse("2026-11-25T12:00:00Z"), "dev", null, "x"))
        .isEqualTo("[2026-11-25T12:00:00Z] [dev] x");
  }

  @Test
  void recordQuotesTheLineSoNothingInItRunsOnTheHost() {
    assertThat(audit.record("it's $(rm -rf /) `x`"))
        .isEqualTo("mkdir -p .kamal && printf '%s\\n' 'it'\\''s $(rm -rf /) `x`' >> .kamal/app-staging-audit.log");
  }

  @Test
  void revealTailsTheLogAndSucceedsWithoutOne() {
    assertThat(audit.reveal(50)).isEqualTo("tail -n 50 .kamal/app-staging-audit.log 2>/dev/null || true");
  }
}

package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The context file's {@code release} entry (issue 19 item 1): there only when an {@code x-release} is configured. */
class HookContextFileTest {
  private static final Instant NOW = Instant.parse("2026-06-18T12:00:00Z");
  private final HookContext deploy = HookContext.of("app", "v2", null, List.of("web1", "web2"), null,
      Map.of("web", List.of("web1", "web2")), "deploy", null, "dev@example.com");

  @Test
  void theReleaseCommandItsHostAndStateAreInTheContext() {
    HookContext.Release release = new HookContext.Release("bin/rails db:migrate pw-SECRET", "web", "web1", 600,
        "pending");
    String json = HookContextFile.json(HookPoint.PRE_DEPLOY, deploy.withRelease(release), NOW,
        text -> text.replace("pw-SECRET", "[REDACTED]"));
    assertThat(json).contains("\"release\":{\"command\":\"bin/rails db:migrate [REDACTED]\",\"role\":\"web\","
        + "\"host\":\"web1\",\"timeout\":600,\"status\":\"pending\"}");

    String failed = HookContextFile.json(HookPoint.POST_DEPLOY_FAILURE,
        deploy.withRelease(release.withStatus("timed-out")).withFailure("timed out", "release", List.of("web1")),
        NOW, text -> text);
    assertThat(failed).contains("\"status\":\"timed-out\"").contains("\"step\":\"release\"");
  }

  @Test
  void aSkippedReleaseHasNoHostAndNoReleaseMeansNoEntry() {
    HookContext.Release skipped = new HookContext.Release("migrate", "web", null, null, "skipped");
    assertThat(HookContextFile.json(HookPoint.POST_DEPLOY, deploy.withRelease(skipped), NOW, text -> text))
        .contains("\"release\":{\"command\":\"migrate\",\"role\":\"web\",\"host\":null,\"timeout\":null,"
            + "\"status\":\"skipped\"}");
    assertThat(HookContextFile.json(HookPoint.POST_DEPLOY, deploy, NOW, text -> text)).doesNotContain("release");
  }
}

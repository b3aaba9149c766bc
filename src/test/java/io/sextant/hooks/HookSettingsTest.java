package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HookSettingsTest {
  private final HookSettings defaults = HookSettings.defaults(Path.of("/project"));

  @Test
  void defaultsFollowKamal() {
    assertThat(defaults.hooksPath()).isEqualTo(Path.of("/project/.kamal/hooks"));
    assertThat(defaults.auditLog()).isEqualTo(Path.of("/project/.kamal/hooks.log"));
    assertThat(defaults.timeoutFor(HookPoint.PRE_DEPLOY)).isEmpty();
    assertThat(defaults.outputFor(HookPoint.PRE_DEPLOY)).isEmpty();
    assertThat(defaults.skipReason(HookPoint.PRE_CONNECT)).isEmpty();
  }

  @Test
  void flagTimeoutWinsOverPerHookWhichWinsOverGlobal() {
    HookSettings configured = defaults.withTimeouts(Duration.ofSeconds(600),
        Map.of("pre-deploy", Duration.ofSeconds(900)), null);
    assertThat(configured.timeoutFor(HookPoint.PRE_DEPLOY)).contains(Duration.ofSeconds(900));
    assertThat(configured.timeoutFor(HookPoint.POST_DEPLOY)).contains(Duration.ofSeconds(600));
    HookSettings flagged = defaults.withTimeouts(Duration.ofSeconds(600),
        Map.of("pre-deploy", Duration.ofSeconds(900)), Duration.ofSeconds(5));
    assertThat(flagged.timeoutFor(HookPoint.PRE_DEPLOY)).contains(Duration.ofSeconds(5));
    assertThat(flagged.timeoutFor(HookPoint.PRE_BUILD)).contains(Duration.ofSeconds(5));
  }

  @Test
  void perHookOutputWinsOverTheScalar() {
    HookSettings configured = defaults.withOutput(HookOutput.QUIET, Map.of("pre-deploy", HookOutput.VERBOSE));
    assertThat(configured.outputFor(HookPoint.PRE_DEPLOY)).contains(HookOutput.VERBOSE);
    assertThat(configured.outputFor(HookPoint.PRE_BUILD)).contains(HookOutput.QUIET);
  }

  @Test
  void skipAllSkipsEveryHookIncludingPreConnect() {
    HookSettings skipping = defaults.withSkips(true, List.of());
    for (HookPoint hook : HookPoint.values()) {
      assertThat(skipping.skipReason(hook)).contains("--skip-hooks");
    }
  }

  @Test
  void skipPatternsUseStarWildcards() {
    HookSettings skipping = defaults.withSkips(false, List.of("post-*"));
    assertThat(skipping.skipReason(HookPoint.POST_DEPLOY)).contains("--skip-hook post-*");
    assertThat(skipping.skipReason(HookPoint.POST_APP_BOOT)).isPresent();
    assertThat(skipping.skipReason(HookPoint.POST_DEPLOY_FAILURE)).isPresent();
    assertThat(skipping.skipReason(HookPoint.PRE_DEPLOY)).isEmpty();
    assertThat(HookSettings.globMatches("pre-deploy", "pre-deploy")).isTrue();
    assertThat(HookSettings.globMatches("pre-deploy", "pre-deploy-x")).isFalse();
    assertThat(HookSettings.globMatches("*-app-*", "pre-app-boot")).isTrue();
    assertThat(HookSettings.globMatches("*", "pre-connect")).isTrue();
    assertThat(HookSettings.globMatches("pre.deploy", "pre-deploy")).isFalse();
  }

  @Test
  void hooksOutputParsesKamalValues() {
    assertThat(HookOutput.parse("quiet")).isEqualTo(HookOutput.QUIET);
    assertThat(HookOutput.parse(":verbose")).isEqualTo(HookOutput.VERBOSE);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HookOutput.parse("loud"))
        .hasMessage("Invalid hooks_output 'loud', must be one of: quiet, verbose");
  }
}

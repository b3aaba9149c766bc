package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sextant.console.Verbosity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code hooks_output} × {@code -v}/{@code -q} (Kamal's run_hook:
 * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/base.rb#L234-L242), streaming and redaction of hook
 * output.
 */
class HookOutputTest {
  @TempDir Path temp;
  HookFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new HookFixture(temp);
    fixture.hook("pre-deploy", "echo from-stdout\necho from-stderr >&2");
  }

  @ParameterizedTest(name = "verbosity {0}, hooks_output {1}")
  @CsvSource({
      "NORMAL,  ,        true,  false",
      "NORMAL,  VERBOSE, true,  true",
      "NORMAL,  QUIET,   false, false",
      "VERBOSE, ,        true,  true",
      "VERBOSE, QUIET,   true,  true",
      "QUIET,   ,        false, false",
      "QUIET,   VERBOSE, false, false"})
  void matrix(Verbosity verbosity, HookOutput output, boolean announced, boolean linesShown) {
    HookSettings settings = fixture.settings(verbosity).withOutput(null,
        output == null ? Map.of() : Map.of("pre-deploy", output));
    fixture.runner(settings).run(HookPoint.PRE_DEPLOY, HookFixture.context());
    String out = fixture.stdout();
    assertThat(out.contains("Running hook pre-deploy (.kamal/hooks/pre-deploy)...")).isEqualTo(announced);
    assertThat(out.contains("Finished hook pre-deploy in ")).isEqualTo(announced);
    assertThat(out.contains("  [pre-deploy] from-stdout")).isEqualTo(linesShown);
    assertThat(out.contains("  [pre-deploy] from-stderr")).isEqualTo(linesShown);
    assertThat(fixture.stderr()).isEmpty();
  }

  @Test
  void scalarHooksOutputAppliesToEveryHook() {
    fixture.hook("pre-build", "echo building");
    fixture.runner(fixture.settings(Verbosity.NORMAL).withOutput(HookOutput.VERBOSE, Map.of("pre-deploy",
        HookOutput.QUIET))).run(HookPoint.PRE_BUILD, HookFixture.context());
    assertThat(fixture.stdout()).contains("  [pre-build] building");
  }

  @Test
  void quietHookStillReportsItsFailureWithOutput() {
    fixture.hook("pre-deploy", "echo why-it-failed\nexit 2");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.QUIET));
    assertThatThrownBy(() -> runner.run(HookPoint.PRE_DEPLOY, HookFixture.context()))
        .hasMessageStartingWith("Hook `pre-deploy` failed with exit code 2").hasMessageContaining("why-it-failed");
    assertThat(fixture.stdout()).isEmpty();
  }

  @Test
  void linesAreStreamedAsTheyComeAndRedacted() throws Exception {
    Path release = temp.resolve("release");
    fixture.hook("pre-deploy", "echo 'first line with tok-ABCDEF'\n"
        + "while [ ! -e '" + release + "' ]; do sleep 0.05; done\necho second");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.VERBOSE)
        .withSecrets(() -> Map.of("API_TOKEN", "tok-ABCDEF")));
    CompletableFuture<Void> run = CompletableFuture.runAsync(
        () -> runner.run(HookPoint.PRE_DEPLOY, HookFixture.context()));
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.stdout().contains("[pre-deploy] first line"));
    assertThat(run).isNotDone();
    assertThat(fixture.stdout()).contains("  [pre-deploy] first line with [REDACTED]").doesNotContain("tok-ABCDEF");
    Files.createFile(release);
    run.get();
    assertThat(fixture.stdout()).contains("  [pre-deploy] second");
  }
}

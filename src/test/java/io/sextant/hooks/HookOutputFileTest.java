package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.console.Verbosity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hooks that talk back (row 22): KAMAL_OUTPUT is read as dotenv, passed on, and the message printed once. */
class HookOutputFileTest {
  @TempDir Path temp;
  HookFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new HookFixture(temp);
  }

  @Test
  void readsDotenvLinesAndTheMessage() {
    HookOutputFile.Result result = HookOutputFile.parse(
        "# comment\nTICKET=OPS-12\nexport REGION='eu west'\nNOTE=\"two\\nlines\"\nKAMAL_MESSAGE=Deploying OPS-12\n",
        "pre-build");
    assertThat(result.variables()).containsExactly(Map.entry("TICKET", "OPS-12"), Map.entry("REGION", "eu west"),
        Map.entry("NOTE", "two\\nlines"));
    assertThat(result.message()).isEqualTo("Deploying OPS-12");
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void refusesReservedAndBadNamesWithAWarningEach() {
    HookOutputFile.Result result = HookOutputFile.parse("KAMAL_LOCK=false\nlower=x\nOK=1\n", "pre-build");
    assertThat(result.variables()).containsExactly(Map.entry("OK", "1"));
    assertThat(result.warnings()).containsExactly(
        "Hook `pre-build` wrote `KAMAL_LOCK` to KAMAL_OUTPUT: KAMAL_* names are reserved (only KAMAL_MESSAGE is"
            + " read), ignored",
        "Hook `pre-build` wrote `lower` to KAMAL_OUTPUT: not a variable name ([A-Z_][A-Z0-9_]*), ignored");
  }

  @Test
  void neverRunsACommandSubstitution() {
    HookOutputFile.Result result = HookOutputFile.parse("X=$(touch " + temp.resolve("ran") + ")\n", "pre-build");
    assertThat(result.variables().get("X")).startsWith("$(touch ");
    assertThat(temp.resolve("ran")).doesNotExist();
  }

  @Test
  void aMalformedFileIsIgnoredWithAWarningNamingTheHook() {
    HookOutputFile.Result result = HookOutputFile.parse("this is not dotenv\n", "pre-deploy");
    assertThat(result.variables()).isEmpty();
    assertThat(result.warnings()).singleElement().asString()
        .contains("KAMAL_OUTPUT of hook `pre-deploy`").contains("malformed line").endsWith(": ignored");
  }

  @Test
  void valuesReachEveryLaterHookOfTheCommandAndTheMessagePrintsOnce() throws Exception {
    fixture.hook("pre-build", "test -f \"$KAMAL_OUTPUT\" && test ! -s \"$KAMAL_OUTPUT\" || exit 9\n"
        + "printf 'TICKET=OPS-7\\nKAMAL_MESSAGE=Shipping OPS-7\\nKAMAL_VERSION=evil\\n' > \"$KAMAL_OUTPUT\"");
    fixture.recordingHook("pre-deploy", "");
    fixture.recordingHook("post-deploy", "");
    HookRunner runner = fixture.runner(fixture.settings(Verbosity.NORMAL));
    runner.run(HookPoint.PRE_BUILD, HookFixture.context());
    runner.run(HookPoint.PRE_DEPLOY, HookFixture.context());
    runner.run(HookPoint.POST_DEPLOY, HookFixture.context());
    assertThat(fixture.recordedEnv("pre-deploy")).containsEntry("TICKET", "OPS-7")
        .containsEntry("KAMAL_VERSION", "0123456789abcdef").doesNotContainKey("KAMAL_MESSAGE");
    assertThat(fixture.recordedEnv("post-deploy")).containsEntry("TICKET", "OPS-7");
    assertThat(fixture.stdout().split("\n")).containsOnlyOnce("Shipping OPS-7");
    assertThat(fixture.stderr()).contains("wrote `KAMAL_VERSION` to KAMAL_OUTPUT: KAMAL_* names are reserved");
    assertThat(runner.auditSummary()).contains("pre-build ok").contains("passed TICKET")
        .contains("message \"Shipping OPS-7\"");
    List<String> log = Files.readAllLines(fixture.project.resolve(".kamal/hooks.log"));
    assertThat(log.get(0)).contains("\"passed\":\"TICKET\"").contains("\"message\":\"Shipping OPS-7\"")
        .doesNotContain("OPS-7\\n");
    assertThat(HookAuditLog.describe(log.get(0))).endsWith("passed TICKET  message \"Shipping OPS-7\"");
  }

  @Test
  void anotherRunnerStartsEmptyAndTheFileIsGoneAfterTheHook() {
    fixture.hook("pre-build", "echo \"$KAMAL_OUTPUT\" > '" + fixture.records.resolve("path") + "'\n"
        + "echo A=1 > \"$KAMAL_OUTPUT\"");
    fixture.recordingHook("pre-deploy", "");
    fixture.runner(fixture.settings(Verbosity.NORMAL)).run(HookPoint.PRE_BUILD, HookFixture.context());
    fixture.runner(fixture.settings(Verbosity.NORMAL)).run(HookPoint.PRE_DEPLOY, HookFixture.context());
    assertThat(fixture.recordedEnv("pre-deploy")).doesNotContainKey("A");
    assertThat(Path.of(fixture.read("path").strip())).doesNotExist();
  }

  @Test
  void secretValuesInTheMessageAreRedacted() {
    fixture.hook("pre-deploy", "echo \"KAMAL_MESSAGE=token $DB_PASSWORD\" > \"$KAMAL_OUTPUT\"");
    HookSettings settings = fixture.settings(Verbosity.NORMAL).withSecrets(() -> Map.of("DB_PASSWORD", "s3cr3t-x"));
    HookRunner runner = fixture.runner(settings);
    runner.run(HookPoint.PRE_DEPLOY, HookFixture.context());
    assertThat(fixture.stdout()).contains("token [REDACTED]").doesNotContain("s3cr3t-x");
    assertThat(runner.auditSummary()).doesNotContain("s3cr3t-x");
  }
}

package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.deploy.DeployProject.Run;
import io.sextant.testing.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The hooks summary of the remote audit line (B7), read on the hosts after real deploys through the launcher: the
 * line Kamal records there ({@code [time] [performer] message}, K:lib/kamal/commands/auditor.rb) ends with
 * {@code ; hooks: } and every hook script of the command in the order it ran, each with its outcome and duration, a
 * skip with its reason, the names a script passed on and its message, secrets redacted; the same line on every
 * host, and {@code sextant audit} shows it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteAuditIT {
  private static final String SERVICE = "sxau" + UUID.randomUUID().toString().substring(0, 6);
  private static final String TIME = "\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\] \\[deployer@example\\.test\\] ";
  private static final String SECONDS = "\\d+\\.\\ds";

  private static DeployProject project;
  private static String version;

  @BeforeAll
  static void setUp() throws Exception {
    project = new DeployProject(SERVICE);
    project.writeConfig("up", "");
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (project != null) {
      project.close();
    }
  }

  @Test
  @Order(1)
  void aDeployRecordsEveryHookScriptWithItsOutcomeInOrder() throws Exception {
    version = project.commitApp("A", "");
    project.writeHook("pre-deploy.d/10-ticket", "10-ticket");
    project.alsoRun("10-ticket", "printf 'TICKET=OPS-9\\nKAMAL_MESSAGE=shipping with %s\\n' \"$KAMAL_REGISTRY_PASSWORD\""
        + " > \"$KAMAL_OUTPUT\"");

    Run run = project.sextant("deploy", "--skip-hook", "pre-build");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    String expected = "Deployed " + version + " \\(done\\); hooks: pre-connect ok " + SECONDS
        + ", pre-build skipped \\(--skip-hook pre-build\\), pre-deploy ok " + SECONDS
        + ", pre-deploy\\.d/10-ticket ok " + SECONDS + " passed TICKET message \"shipping with \\[REDACTED\\]\""
        + ", pre-app-boot ok " + SECONDS + ", post-app-boot ok " + SECONDS + ", post-deploy ok " + SECONDS;
    assertLastAuditLine(expected);

    Run audit = project.sextant("audit");
    assertThat(audit.exitCode()).as(audit.toString()).isZero();
    assertThat(audit.stdout()).containsPattern(Pattern.compile(TIME + expected))
        .doesNotContain(project.password());
    project.clearFailures();
    deleteTree(project.dir.resolve(".kamal/hooks/pre-deploy.d"));
  }

  @Test
  @Order(2)
  void aFailedDeployRecordsTheFailingHookAndTheFailureHook() throws Exception {
    project.failScript("pre-deploy");

    Run run = project.sextant("deploy", "-P");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertLastAuditLine("Deployed " + version + " \\(failed\\); hooks: pre-connect ok " + SECONDS
        + ", pre-deploy failed \\(exit code 3\\) " + SECONDS + ", post-deploy-failure ok " + SECONDS);
    project.clearFailures();
  }

  @Test
  @Order(3)
  void hooksSkippedWithDashCapitalHAreRecordedAsSkipped() throws Exception {
    Run run = project.sextant("app", "stop", "-H");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertLastAuditLine("Stopped app \\(done\\); hooks: pre-connect skipped \\(--skip-hooks\\)");
  }

  /** The last line of the remote audit log is {@code [time] [performer] <expected>} on every host. */
  private static void assertLastAuditLine(String expected) {
    for (TestHost host : project.hosts) {
      List<String> lines = project.remoteAudit(host).lines().toList();
      assertThat(lines).as("remote audit log on %s", host.ip()).isNotEmpty();
      assertThat(lines.get(lines.size() - 1)).as("last audit line on %s", host.ip())
          .matches(TIME + expected).doesNotContain(project.password());
    }
  }

  private static void deleteTree(Path folder) throws Exception {
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    }
  }
}

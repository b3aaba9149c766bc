package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.deploy.DeployProject.HookRun;
import io.sextant.deploy.DeployProject.Run;
import io.sextant.testing.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 19, items 2–5, end to end through the launcher on two real hosts: hooks that talk back
 * ({@code KAMAL_OUTPUT}/{@code KAMAL_MESSAGE}), {@code .kamal/bin} on the hooks' PATH, {@code x-hooks.post_deploy_lock},
 * and {@code pre-app-remove}/{@code post-app-remove} (Kamal's points since basecamp/kamal#1879). In order: a deploy,
 * two redeploys (with and without the option), then the app is removed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HooksRoundTwoIT {
  private static final String SERVICE = "sxht" + UUID.randomUUID().toString().substring(0, 6);

  private static DeployProject project;

  @BeforeAll
  static void setUp() throws Exception {
    project = new DeployProject(SERVICE);
    project.writeConfig("up", "");
    project.writeHook("pre-app-remove", "pre-app-remove");
    project.writeHook("post-app-remove", "post-app-remove");
    project.writeHook("docker-install", "docker-install");
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (project != null) {
      project.set.showDocker(project.hosts.get(1));
      project.close();
    }
  }

  private static String seen(String name) throws Exception {
    Path file = project.dir.resolve("run-seen-" + name);
    return Files.exists(file) ? Files.readString(file).strip() : "(not written)";
  }

  @Test
  @Order(1)
  void valuesWrittenToKamalOutputReachLaterHooksAndTheMessagePrintsOnce() throws Exception {
    project.commitApp("A", "");
    Path bin = project.dir.resolve(".kamal/bin/sx-greet");
    Files.createDirectories(bin.getParent());
    Files.writeString(bin, "#!/bin/sh\necho \"greetings from $1\"\n");
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    project.alsoRun("pre-build", "printf 'TICKET=OPS-7\\nKAMAL_MESSAGE=Shipping OPS-7\\nKAMAL_LOCK=nope\\n'"
        + " > \"$KAMAL_OUTPUT\"");
    project.alsoRun("pre-deploy", "echo \"$TICKET $KAMAL_LOCK\" > run-seen-pre-deploy\n"
        + "sx-greet pre-deploy > run-seen-bin\n"
        + "echo \"KAMAL_MESSAGE=registry password $KAMAL_REGISTRY_PASSWORD\" > \"$KAMAL_OUTPUT\"\n"
        + "echo \"COPIED=$KAMAL_REGISTRY_PASSWORD\" >> \"$KAMAL_OUTPUT\"");
    project.alsoRun("post-deploy", "echo \"$TICKET\" > run-seen-post-deploy");

    Run run = project.sextant("deploy");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(seen("pre-deploy")).isEqualTo("OPS-7 true");
    assertThat(seen("post-deploy")).isEqualTo("OPS-7");
    assertThat(seen("bin")).isEqualTo("greetings from pre-deploy");
    assertThat(run.stdout().lines().filter(line -> line.equals("Shipping OPS-7"))).hasSize(1);
    assertThat(run.stdout()).contains("registry password [REDACTED]");
    assertThat(run.stderr()).contains("Warning: Hook `pre-build` wrote `KAMAL_LOCK` to KAMAL_OUTPUT: KAMAL_* names"
        + " are reserved");
    List<HookRun> hooks = project.hookRuns();
    assertThat(hooks.stream().filter(hook -> hook.hook().equals("pre-deploy")).findFirst().orElseThrow()
        .var("KAMAL_LOCK")).isEqualTo("true");
    String hooksLog = Files.readString(project.dir.resolve(".kamal/hooks.log"));
    assertThat(hooksLog).contains("\"passed\":\"TICKET\"").contains("\"message\":\"Shipping OPS-7\"")
        .contains("\"passed\":\"COPIED\"").doesNotContain(project.password());
    assertThat(run.output()).doesNotContain(project.password());
    Run history = project.sextant("hooks", "history");
    assertThat(history.stdout()).contains("pre-build  ok in").contains("passed TICKET  message \"Shipping OPS-7\"")
        .doesNotContain(project.password());
    assertThat(System.getenv("PATH")).doesNotContain(".kamal/bin");
    project.clearFailures();
  }

  @Test
  @Order(2)
  void postDeployLockKeepsTheLockWhilePostDeployRuns() throws Exception {
    Run run = redeployRecordingTheLockInPostDeploy("x-hooks:\n  post_deploy_lock: true");

    assertThat(seen("lock")).isEqualTo("true present");
    assertThat(run.stdout().indexOf("Running hook post-deploy")).as(run.stdout())
        .isLessThan(run.stdout().indexOf("Releasing the deploy lock..."));
    assertThat(project.lockPresent()).isFalse();
    project.clearFailures();
  }

  @Test
  @Order(3)
  void withoutItPostDeployRunsAfterTheRelease() throws Exception {
    redeployRecordingTheLockInPostDeploy("");

    assertThat(seen("lock")).isEqualTo("false absent");
    project.clearFailures();
  }

  /** {@code redeploy -P} with {@code extraConfig}; post-deploy writes KAMAL_LOCK and the lock dir's state. */
  private static Run redeployRecordingTheLockInPostDeploy(String extraConfig) throws Exception {
    project.writeConfig("up", extraConfig);
    project.alsoRun("post-deploy", "echo \"$KAMAL_LOCK $(" + project.lockDirCheck() + ")\" > run-seen-lock");
    Run run = project.sextant("redeploy", "-P");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run;
  }

  @Test
  @Order(4)
  void appRemoveHooksFireOnceEachInOrderUnderTheLock() throws Exception {
    String lockCheck = "echo \"$KAMAL_LOCK $(" + project.lockDirCheck() + ")\" >> run-seen-remove";
    project.alsoRun("pre-app-remove", lockCheck);
    project.alsoRun("post-app-remove", lockCheck);

    Run run = project.sextant("app", "remove");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<HookRun> hooks = project.hookRuns();
    assertThat(hooks).extracting(HookRun::hook).containsExactly("pre-connect", "pre-app-remove", "post-app-remove");
    assertThat(hooks.get(1).var("KAMAL_COMMAND")).isEqualTo("app");
    assertThat(hooks.get(1).var("KAMAL_SUBCOMMAND")).isEqualTo("remove");
    assertThat(hooks.get(1).var("KAMAL_LOCK")).isEqualTo("true");
    assertThat(hooks.get(1).facts()).containsEntry("SECRET_GIVEN", "");
    assertThat(seen("remove")).isEqualTo("true present\ntrue present");
    assertThat(project.running(project.hosts.get(0))).isEmpty();
    assertThat(project.lockPresent()).isFalse();
    project.clearFailures();

    project.failScript("pre-app-remove");
    Run failed = project.sextant("remove", "-y");
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    assertThat(failed.stderr()).contains("Hook `pre-app-remove` failed with exit code 3");
    assertThat(project.hookRuns()).extracting(HookRun::hook).containsExactly("pre-connect", "pre-app-remove");
    assertThat(project.hookRuns().get(1).var("KAMAL_COMMAND")).isEqualTo("remove");
    assertThat(project.lockPresent()).isFalse();
    project.clearFailures();
  }

  @Test
  @Order(5)
  void aHostWithoutDockerGetsTheDockerInstallHookWithThatHostOnly() throws Exception {
    TestHost bare = project.hosts.get(1);
    project.set.hideDocker(bare);
    assertThat(project.set.ssh(bare, "docker -v").ok()).as("docker hidden on " + bare.ip()).isFalse();
    project.alsoRun("docker-install", project.hostAction(bare, "show-docker"));

    Run run = project.sextant("server", "bootstrap");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<HookRun> hooks = project.hookRuns();
    assertThat(hooks).extracting(HookRun::hook).containsExactly("pre-connect", "docker-install", "docker-setup");
    assertThat(hooks.get(1).var("KAMAL_HOSTS")).isEqualTo(bare.ip());
    assertThat(hooks.get(1).var("KAMAL_LOCK")).isEqualTo("true");
    assertThat(run.stdout()).contains("Missing Docker on " + bare.ip() + ". Running the docker-install hook...")
        .doesNotContain("Installing...");
    project.clearFailures();

    project.sextant("server", "bootstrap");
    assertThat(project.hookRuns()).extracting(HookRun::hook).containsExactly("pre-connect", "docker-setup");
  }

  @Test
  @Order(6)
  void aFailingDockerInstallHookStopsTheCommand() throws Exception {
    TestHost bare = project.hosts.get(1);
    project.set.hideDocker(bare);
    try {
      project.failScript("docker-install");

      Run run = project.sextant("server", "bootstrap");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.stderr()).contains("Hook `docker-install` failed with exit code 3");
      assertThat(project.hookRuns()).extracting(HookRun::hook).containsExactly("pre-connect", "docker-install");
      assertThat(project.lockPresent()).isFalse();
    } finally {
      project.set.showDocker(bare);
      project.clearFailures();
    }
  }
}

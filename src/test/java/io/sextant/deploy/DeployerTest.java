package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.app.AppBootException;
import io.sextant.app.BootFailure;
import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.DeployConfig;
import io.sextant.config.HostSelection;
import io.sextant.config.Secrets;
import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookRunner;
import io.sextant.lock.DeployLock;
import io.sextant.lock.LockException;
import io.sextant.process.Interruption;
import io.sextant.ssh.SshHosts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of every flow of {@link Deployer}: which hook, step and lock action, in which order, with which lock
 * state, and what happens at each failure point (lock released first, then {@code post-deploy-failure} told the
 * failed step). The steps themselves are only recorded ({@link RecordingSteps}); the configuration is real: two
 * app hosts booted one at a time ({@code boot.limit: 1}), so the app-boot hooks run per group.
 */
class DeployerTest {
  private static final String H1 = "10.0.0.1";
  private static final String H2 = "10.0.0.2";

  @TempDir Path dir;
  DeployConfig config;
  HostSelection selection;
  Interruption interruption;
  RecordingSteps steps;
  String command;

  @BeforeEach
  void configure() throws IOException {
    interruption = new Interruption(code -> {}, Duration.ofSeconds(5));
    useConfig("""
          web:
            hosts: [%s, %s]
            proxy: false
        """.formatted(H1, H2), null);
    command = "deploy";
  }

  /**
   * Loads a configuration with these {@code servers:} (and the rest of {@code extra}), booted one host at a time.
   *
   * @param roles the {@code -r} selection, or null for all
   */
  private void useConfig(String servers, String roles, String... extra) throws IOException {
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/deploy.yml"), """
        service: app
        image: dhh/app
        registry:
          username: dhh
          password: pw
        builder:
          arch: amd64
        boot:
          limit: 1
        servers:
        """ + servers + String.join("", extra));
    config = ConfigLoader.load(new ConfigRequest(dir, null, null, "v1", Map.of())).config();
    selection = roles == null ? HostSelection.all(config) : HostSelection.select(config, null, roles, false);
    steps = new RecordingSteps(config, selection, interruption);
  }

  private Deployer deployer() {
    return new Deployer(new Context(), steps);
  }

  /** The boot of {@code version}: each group's hooks around it, all under the lock. */
  private static List<String> bootGroups(String version) {
    return List.of(
        "pre-app-boot " + H1 + " [locked]", "boot " + version + " " + H1, "post-app-boot " + H1 + " [locked]",
        "pre-app-boot " + H2 + " [locked]", "boot " + version + " " + H2, "post-app-boot " + H2 + " [locked]");
  }

  private static List<String> concat(List<?>... parts) {
    List<String> all = new ArrayList<>();
    for (List<?> part : parts) {
      part.forEach(item -> all.add((String) item));
    }
    return all;
  }

  // ---- the flows, as they go when nothing fails ----
  // deploy and setup make sure kamal-proxy runs right after pre-deploy; redeploy and rollback do not
  // (K:lib/kamal/cli/main.rb:34-37 against :73-78 and :96-99).

  @Test
  void deployBuildsOutsideTheLockThenBootsAndPrunesUnderItAndRunsPostDeployAfterIt() {
    deployer().deploy(false);
    assertThat(steps.events()).containsExactlyElementsOf(concat(
        List.of("pre-connect", "connect " + H1 + "," + H2, "docker check and login", "pre-build", "build and push",
            "pull", "lock (and the previous version)", "pre-deploy [locked]", "proxy boot"),
        bootGroups("v1"),
        List.of("tag and prune", "unlock", "post-deploy")));
  }

  @Test
  void deployWithSkipPushOnlyPulls() {
    deployer().deploy(true);
    assertThat(steps.events()).containsExactlyElementsOf(concat(
        List.of("connect " + H1 + "," + H2, "pull", "lock (and the previous version)", "pre-deploy [locked]",
            "proxy boot"),
        bootGroups("v1"),
        List.of("tag and prune", "unlock", "post-deploy")));
  }

  @Test
  void redeployTagsInsteadOfPruning() {
    command = "redeploy";
    deployer().redeploy(false);
    assertThat(steps.events()).containsExactlyElementsOf(concat(
        List.of("pre-connect", "connect " + H1 + "," + H2, "docker check and login", "pre-build", "build and push",
            "pull", "lock (and the previous version)", "pre-deploy [locked]"),
        bootGroups("v1"),
        List.of("tag v1", "unlock", "post-deploy")));
  }

  @Test
  void rollbackTakesTheLockFirstAndBootsAVersionThatIsThere() {
    command = "rollback";
    deployer().rollback("v0");
    assertThat(steps.events()).containsExactlyElementsOf(concat(
        List.of("lock (and the previous version)", "containers of the version on " + H1 + "," + H2,
            "pre-deploy [locked]"),
        bootGroups("v0"),
        List.of("tag v0", "unlock", "post-deploy")));
  }

  @Test
  void rollbackToAVersionThatIsNotThereRunsNoHookAndSucceeds() {
    command = "rollback";
    steps.withoutTheVersionOn(List.of(H2));
    deployer().rollback("v0");
    assertThat(steps.events()).containsExactly(
        "lock (and the previous version)", "containers of the version on " + H1 + "," + H2, "unlock");
  }

  @Test
  void setupBootsTheAccessoriesAfterKamalProxyAndBeforeTheApp() throws IOException {
    // K:lib/kamal/cli/main.rb:39 (accessory boot all right after proxy boot, under the lock)
    Files.writeString(dir.resolve("config/deploy.yml"), Files.readString(dir.resolve("config/deploy.yml"))
        + "accessories:\n  db:\n    image: mysql\n    host: " + H1 + "\n");
    config = ConfigLoader.load(new ConfigRequest(dir, null, null, "v1", Map.of())).config();
    steps = new RecordingSteps(config, selection, interruption);
    command = "setup";
    deployer().setup(false);
    assertThat(steps.events()).containsSubsequence("pre-deploy [locked]", "proxy boot", "accessory boot all",
        "pre-app-boot " + H1 + " [locked]");
    deployer().deploy(false);
    assertThat(steps.events().stream().filter("accessory boot all"::equals)).hasSize(1); // deploy boots none
  }

  @Test
  void setupHoldsTheLockThroughoutPostDeployIncluded() {
    command = "setup";
    deployer().setup(false);
    assertThat(steps.events()).containsExactlyElementsOf(concat(
        List.of("lock", "bootstrap", "docker-setup [locked]", "pre-connect", "connect " + H1 + "," + H2,
            "docker check and login", "pre-build [locked]", "build and push", "pull",
            "previous version from " + H1, "pre-deploy [locked]", "proxy boot"),
        bootGroups("v1"),
        List.of("tag and prune", "post-deploy [locked]", "unlock")));
  }

  /** Reloads the configuration with {@code x-hooks: {post_deploy_lock: true}} appended. */
  private void keepLockThroughPostDeploy() throws IOException {
    reloadWith("x-hooks:\n  post_deploy_lock: true\n");
  }

  /** Reloads the configuration with {@code yaml} appended, everything selected, the steps recorded anew. */
  private void reloadWith(String yaml) throws IOException {
    Path file = dir.resolve("config/deploy.yml");
    Files.writeString(file, Files.readString(file) + yaml);
    config = ConfigLoader.load(new ConfigRequest(dir, null, null, "v1", Map.of())).config();
    selection = HostSelection.all(config);
    steps = new RecordingSteps(config, selection, interruption);
  }

  @Test
  void postDeployLockRunsPostDeployBeforeTheUnlockInDeployRedeployAndRollback() throws IOException {
    keepLockThroughPostDeploy();
    deployer().deploy(true);
    assertThat(steps.events()).containsSubsequence("tag and prune", "post-deploy [locked]", "unlock")
        .doesNotContain("post-deploy");

    command = "redeploy";
    steps = new RecordingSteps(config, selection, interruption);
    deployer().redeploy(true);
    assertThat(steps.events()).endsWith("tag v1", "post-deploy [locked]", "unlock");

    command = "rollback";
    steps = new RecordingSteps(config, selection, interruption);
    deployer().rollback("v0");
    assertThat(steps.events()).endsWith("tag v0", "post-deploy [locked]", "unlock");
  }

  @Test
  void postDeployLockChangesNothingWhenTheRollbackVersionIsMissing() throws IOException {
    keepLockThroughPostDeploy();
    command = "rollback";
    steps.withoutTheVersionOn(List.of(H2));
    deployer().rollback("v0");
    assertThat(steps.events()).containsExactly(
        "lock (and the previous version)", "containers of the version on " + H1 + "," + H2, "unlock");
  }

  @Test
  void buildPushPullAndDeliverTakeNoLock() {
    command = "build";
    deployer().buildPush();
    assertThat(steps.events()).containsExactly("pre-connect", "docker check and login", "pre-build",
        "build and push");

    steps = new RecordingSteps(config, selection, interruption);
    deployer().buildPull();
    assertThat(steps.events()).containsExactly("pull");

    steps = new RecordingSteps(config, selection, interruption);
    Deployer deliver = deployer();
    deliver.buildPush();
    deliver.buildPull();
    assertThat(steps.events()).containsExactly("pre-connect", "docker check and login", "pre-build",
        "build and push", "pull");
  }

  @Test
  void appBootBootsEachGroupUnderTheLockThenTags() {
    // The hooks are told the version running before (KAMAL_PREVIOUS_VERSION): one question to the primary host.
    command = "app";
    deployer().appBoot("v1");
    assertThat(steps.events()).containsExactlyElementsOf(concat(
        List.of("lock", "previous version from " + H1), bootGroups("v1"), List.of("tag v1", "unlock")));
  }

  @Test
  void serverBootstrapRunsDockerSetupUnderTheLock() {
    command = "server";
    deployer().serverBootstrap();
    assertThat(steps.events()).containsExactly("lock", "bootstrap", "docker-setup [locked]", "unlock");
  }

  @Test
  void pruneRunsOnTheAppHosts() {
    command = "prune";
    deployer().prune(3, true, true);
    assertThat(steps.events()).containsExactly("prune");
  }

  // ---- each failure point of deploy: the lock is gone before post-deploy-failure, told where it failed ----

  private void deployFailsAt(String event, RuntimeException error, List<String> expectedTail) {
    steps.failAt(event, error);
    assertThatThrownBy(() -> deployer().deploy(false)).isSameAs(error);
    List<String> events = steps.events();
    assertThat(events.subList(events.indexOf(event), events.size())).containsExactlyElementsOf(expectedTail);
    assertThat(steps.locked()).isFalse();
  }

  private static RuntimeException failure(String what) {
    return new io.sextant.SextantException(what + " failed", io.sextant.SextantException.COMMAND_FAILED);
  }

  @Test
  void aSecretTheDeployHooksCannotGetStopsEveryDeployFlowBeforeAnythingRuns() {
    RuntimeException error = new io.sextant.config.ConfigurationException(".kamal/secrets:2: secret PW: failed");
    steps.failAt("secrets for [pre-connect, pre-deploy, post-deploy]", error);
    assertThatThrownBy(() -> deployer().deploy(false)).isSameAs(error);
    assertThatThrownBy(() -> deployer().redeploy(true)).isSameAs(error);
    assertThatThrownBy(() -> deployer().rollback("v1")).isSameAs(error);
    assertThatThrownBy(() -> deployer().setup(false)).isSameAs(error);
    assertThat(steps.events()).as("no hook, lock, build or failure hook").isEmpty();
  }

  @Test
  void aFailedPreConnectStopsEverything() {
    deployFailsAt("pre-connect", failure("pre-connect"),
        List.of("pre-connect", "post-deploy-failure step=pre-connect hosts=[]"));
  }

  @Test
  void aFailedPreBuildBuildsNothing() {
    deployFailsAt("pre-build", failure("pre-build"),
        List.of("pre-build", "post-deploy-failure step=pre-build hosts=[]"));
  }

  @Test
  void aFailedBuildTakesNoLock() {
    deployFailsAt("build and push", failure("build"),
        List.of("build and push", "post-deploy-failure step=build hosts=[]"));
  }

  @Test
  void aFailedPullTakesNoLock() {
    deployFailsAt("pull", failure("pull"), List.of("pull", "post-deploy-failure step=pull hosts=[]"));
  }

  @Test
  void aLockHeldByOthersRunsNothingUnderIt() {
    deployFailsAt("lock (and the previous version)", new LockException("Deploy lock found"),
        List.of("lock (and the previous version)", "post-deploy-failure step=lock hosts=[]"));
  }

  @Test
  void aFailedPreDeployReleasesTheLockThenRunsTheFailureHook() {
    deployFailsAt("pre-deploy [locked]", failure("pre-deploy"),
        List.of("pre-deploy [locked]", "unlock", "post-deploy-failure step=pre-deploy hosts=[]"));
  }

  @Test
  void aFailedPreAppBootStopsBeforeItsGroupAndNamesIt() {
    deployFailsAt("pre-app-boot " + H2 + " [locked]", failure("pre-app-boot"),
        List.of("pre-app-boot " + H2 + " [locked]", "unlock",
            "post-deploy-failure step=pre-app-boot hosts=[" + H2 + "]"));
  }

  @Test
  void aFailedBootNamesTheRoleAndHost() {
    AppBootException error = new AppBootException(List.of(new BootFailure(H1, "web", "health check", "unhealthy")));
    deployFailsAt("boot v1 " + H1, error,
        List.of("boot v1 " + H1, "unlock", "post-deploy-failure step=app-boot:web hosts=[" + H1 + "]"));
  }

  @Test
  void aFailedPostAppBootStopsTheLaterGroups() {
    deployFailsAt("post-app-boot " + H1 + " [locked]", failure("post-app-boot"),
        List.of("post-app-boot " + H1 + " [locked]", "unlock",
            "post-deploy-failure step=post-app-boot hosts=[" + H1 + "]"));
  }

  @Test
  void aFailedTagIsTheBootsFailure() {
    deployFailsAt("tag and prune", failure("tag"),
        List.of("tag and prune", "unlock", "post-deploy-failure step=app-boot hosts=[]"));
  }

  @Test
  void aFailedPostDeployFailsTheCommandWithoutTheFailureHook() {
    deployFailsAt("post-deploy", failure("post-deploy"), List.of("post-deploy"));
  }

  @Test
  void setupFailingInDockerSetupReleasesTheLockThenRunsTheFailureHook() {
    command = "setup";
    RuntimeException error = failure("docker-setup");
    steps.failAt("docker-setup [locked]", error);
    assertThatThrownBy(() -> deployer().setup(false)).isSameAs(error);
    assertThat(steps.events()).containsExactly("lock", "bootstrap", "docker-setup [locked]", "unlock",
        "post-deploy-failure step=server-bootstrap hosts=[]");
  }

  @Test
  void setupsPostDeployFailureReleasesTheLockWithoutTheFailureHook() {
    command = "setup";
    RuntimeException error = failure("post-deploy");
    steps.failAt("post-deploy [locked]", error);
    assertThatThrownBy(() -> deployer().setup(false)).isSameAs(error);
    List<String> events = steps.events();
    assertThat(events.subList(events.size() - 2, events.size())).containsExactly("post-deploy [locked]", "unlock");
  }

  @Test
  void rollbackFailingInPreDeployReleasesTheLockThenRunsTheFailureHook() {
    command = "rollback";
    RuntimeException error = failure("pre-deploy");
    steps.failAt("pre-deploy [locked]", error);
    assertThatThrownBy(() -> deployer().rollback("v0")).isSameAs(error);
    assertThat(steps.events()).containsExactly("lock (and the previous version)",
        "containers of the version on " + H1 + "," + H2, "pre-deploy [locked]", "unlock",
        "post-deploy-failure step=pre-deploy hosts=[]");
  }

  @Test
  void appBootFailingReleasesTheLockAndRunsNoFailureHook() {
    command = "app";
    RuntimeException error = failure("pre-app-boot");
    steps.failAt("pre-app-boot " + H1 + " [locked]", error);
    assertThatThrownBy(() -> deployer().appBoot("v1")).isSameAs(error);
    assertThat(steps.events()).containsExactly("lock", "previous version from " + H1,
        "pre-app-boot " + H1 + " [locked]", "unlock");
  }

  @Test
  void anInterruptionReleasesTheLockFirstThenRunsTheFailureHookOnce() {
    steps.duringBoot(() -> interruption.interrupt(Interruption.SIGINT_EXIT))
        .failAt("boot v1 " + H1, failure("interrupted boot"));
    assertThatThrownBy(() -> deployer().deploy(false)).hasMessage("interrupted boot failed");
    List<String> events = steps.events();
    assertThat(events.subList(events.indexOf("pre-app-boot " + H1 + " [locked]"), events.size())).containsExactly(
        "pre-app-boot " + H1 + " [locked]", "unlock", "post-deploy-failure step=app-boot hosts=[]", "boot v1 " + H1);
  }

  // ---- the release command (x-release): after the pull, under the lock, before the first new container ----

  /** Reloads the configuration with an {@code x-release} command appended. */
  private void withReleaseCommand() throws IOException {
    reloadWith("x-release:\n  command: bin/rails db:migrate\n  timeout: 60\n");
  }

  @Test
  void setupRunsTheReleaseCommandAfterTheAccessoriesBoot() throws IOException {
    // the release (migrations) needs the accessories (the database) Kamal's setup boots after kamal-proxy
    // (K:lib/kamal/cli/main.rb:39), so it runs after them and before the first new container
    reloadWith("x-release:\n  command: bin/rails db:migrate\naccessories:\n  db:\n    image: mysql\n    host: "
        + H1 + "\n");
    command = "setup";
    deployer().setup(false);
    assertThat(steps.events()).containsSubsequence("proxy boot", "accessory boot all",
        "release v1 on " + H1 + " [locked]", "pre-app-boot " + H1 + " [locked] release=succeeded");
  }

  @Test
  void deployRunsTheReleaseCommandOnceOnThePrimaryHostBeforeTheFirstBootGroup() throws IOException {
    withReleaseCommand();
    deployer().deploy(false);
    List<String> events = steps.events();
    assertThat(events).filteredOn(event -> event.startsWith("release")).containsExactly("release v1 on " + H1
        + " [locked]");
    assertThat(events).containsSubsequence("pull", "lock (and the previous version)",
        "pre-deploy [locked] release=pending", "proxy boot", "release v1 on " + H1 + " [locked]",
        "pre-app-boot " + H1 + " [locked] release=succeeded", "boot v1 " + H1, "tag and prune", "unlock",
        "post-deploy release=succeeded");
    assertThat(steps.releaseEnv()).containsExactlyInAnyOrderEntriesOf(Map.of("KAMAL_VERSION", "v1",
        "KAMAL_HOST", H1, "KAMAL_COMMAND", "deploy", "KAMAL_PREVIOUS_VERSION", "v0"));
  }

  @Test
  void redeployRollbackAndSetupRunItWithTheVersionTheyBoot() throws IOException {
    withReleaseCommand();
    command = "redeploy";
    deployer().redeploy(true);
    assertThat(steps.events()).containsSubsequence("pre-deploy [locked] release=pending",
        "release v1 on " + H1 + " [locked]", "pre-app-boot " + H1 + " [locked] release=succeeded");

    command = "rollback";
    steps = new RecordingSteps(config, selection, interruption);
    deployer().rollback("v0");
    assertThat(steps.events()).containsSubsequence("containers of the version on " + H1 + "," + H2,
        "pre-deploy [locked] release=pending", "release v0 on " + H1 + " [locked]", "boot v0 " + H1);
    assertThat(steps.releaseEnv()).containsEntry("KAMAL_VERSION", "v0").containsEntry("KAMAL_COMMAND", "rollback");

    command = "setup";
    steps = new RecordingSteps(config, selection, interruption);
    deployer().setup(true);
    assertThat(steps.events()).containsSubsequence("proxy boot", "release v1 on " + H1 + " [locked]",
        "boot v1 " + H1, "post-deploy [locked] release=succeeded", "unlock");
  }

  @Test
  void aFailedReleaseCommandBootsNothingReleasesTheLockAndNamesTheStep() throws IOException {
    withReleaseCommand();
    RuntimeException error = new io.sextant.app.ReleaseFailedException("Release command failed on " + H1
        + " with exit code 3", H1, false);
    deployFailsAt("release v1 on " + H1 + " [locked]", error, List.of("release v1 on " + H1 + " [locked]",
        "unlock", "post-deploy-failure step=release hosts=[" + H1 + "] release=failed"));
    assertThat(steps.events()).noneMatch(event -> event.startsWith("pre-app-boot") || event.startsWith("boot"));
  }

  @Test
  void aTimedOutReleaseCommandIsToldAsSuch() throws IOException {
    withReleaseCommand();
    RuntimeException error = new io.sextant.app.ReleaseFailedException("Release command timed out", H1, true);
    deployFailsAt("release v1 on " + H1 + " [locked]", error, List.of("release v1 on " + H1 + " [locked]",
        "unlock", "post-deploy-failure step=release hosts=[" + H1 + "] release=timed-out"));
  }

  @Test
  void skipReleaseRunsNoReleaseAndHooksAreToldItWasSkipped() throws IOException {
    withReleaseCommand();
    new Deployer(new Context(), steps, true).deploy(true);
    assertThat(steps.events()).noneMatch(event -> event.startsWith("release"))
        .contains("pre-deploy [locked] release=skipped", "post-deploy release=skipped");
  }

  @Test
  void withAHostFilterItRunsOnTheFirstSelectedHostOfItsRole() throws IOException {
    withReleaseCommand();
    selection = HostSelection.select(config, H2, null, false);
    steps = new RecordingSteps(config, selection, interruption);
    deployer().deploy(true);
    assertThat(steps.events()).filteredOn(event -> event.startsWith("release"))
        .containsExactly("release v1 on " + H2 + " [locked]");
  }

  @Test
  void appBootNeverRunsTheReleaseCommand() throws IOException {
    withReleaseCommand();
    command = "app";
    deployer().appBoot("v1");
    assertThat(steps.events()).noneMatch(event -> event.startsWith("release"));
  }

  // ---- asset bridging: on every host after pre-deploy (and the proxy boot), before the first boot group ----
  // (K:lib/kamal/cli/app.rb:9-17: Cli::App::Assets runs for every role on every app host ahead of host_boot_groups)

  /** web behind kamal-proxy with {@code asset_path}, workers (no proxy) on H2; {@code roles} selects with -r. */
  private void withAssets(String roles) throws IOException {
    useConfig("""
          web:
            hosts: [%s, %s]
          workers:
            hosts: [%s]
        """.formatted(H1, H2, H2), roles, "asset_path: /rails/public/assets\n");
  }

  @Test
  void everyBootingFlowPreparesTheAssetsBeforeTheFirstBootGroup() throws IOException {
    withAssets(null);
    deployer().deploy(false);
    assertThat(steps.events()).containsSubsequence("pre-deploy [locked]", "proxy boot", "assets v1",
        "pre-app-boot " + H1 + " [locked]", "boot v1 " + H1);
    assertThat(steps.events()).containsOnlyOnce("assets v1");

    for (Runnable flow : List.<Runnable>of(() -> deployer().redeploy(true), () -> deployer().setup(false))) {
      withAssets(null);
      flow.run();
      assertThat(steps.events()).containsSubsequence("pre-deploy [locked]", "assets v1",
          "pre-app-boot " + H1 + " [locked]").containsOnlyOnce("assets v1");
    }

    withAssets(null);
    deployer().rollback("v0");
    assertThat(steps.events()).containsSubsequence("containers of the version on " + H1 + "," + H2,
        "pre-deploy [locked]", "assets v0", "pre-app-boot " + H1 + " [locked]").containsOnlyOnce("assets v0");

    withAssets(null);
    command = "app";
    deployer().appBoot("v1");
    assertThat(steps.events()).containsSubsequence("lock", "assets v1", "pre-app-boot " + H1 + " [locked]",
        "tag v1", "unlock");
  }

  @Test
  void noAssetStepWhenNoSelectedRoleBridgesAssets() throws IOException {
    withAssets("workers");
    deployer().deploy(false);
    assertThat(steps.events()).contains("boot v1 " + H2).noneMatch(event -> event.startsWith("assets"));
  }

  @Test
  void aFailedAssetPreparationBootsNothingAndNamesTheRoleAndHost() throws IOException {
    withAssets(null);
    AppBootException error = new AppBootException(List.of(new BootFailure(H2, "web", "assets",
        "extraction of the assets: exit 1: Could not find the file /rails/public/assets in container")));
    deployFailsAt("assets v1", error,
        List.of("assets v1", "unlock", "post-deploy-failure step=app-boot:web hosts=[" + H2 + "]"));
    assertThat(steps.events()).noneMatch(event -> event.startsWith("pre-app-boot") || event.startsWith("boot "));
  }

  @Test
  void appBootFailingInTheAssetsReleasesTheLockBeforeAnyHook() throws IOException {
    withAssets(null);
    command = "app";
    RuntimeException error = failure("assets");
    steps.failAt("assets v1", error);
    assertThatThrownBy(() -> deployer().appBoot("v1")).isSameAs(error);
    assertThat(steps.events()).containsExactly("lock", "assets v1", "unlock");
  }

  /** The session as the flows see it: real configuration and selection; the executors are not to be touched. */
  private final class Context implements FlowContext {
    private final Console console = new Console(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        Verbosity.NORMAL);

    @Override
    public Console console() {
      return console;
    }

    @Override
    public DeployConfig config() {
      return config;
    }

    @Override
    public Secrets secrets() {
      throw new AssertionError("the flows read secrets through their steps only");
    }

    @Override
    public String version() {
      return "v1";
    }

    @Override
    public HostSelection selection() {
      return selection;
    }

    @Override
    public HookRunner hooks() {
      throw new AssertionError("the flows run hooks through their steps only");
    }

    @Override
    public HookContext hookContext() {
      return HookContext.of("app", "v1", null, selection.hosts(), null, selection.rolesToHosts(), command, null,
          "deployer@example.test").withLock(steps.locked(), null);
    }

    @Override
    public SshHosts ssh() {
      throw new AssertionError("the flows reach hosts through their steps only");
    }

    @Override
    public DeployLock lock() {
      throw new AssertionError("the flows take the lock through their steps only");
    }

    @Override
    public io.sextant.ssh.SshSettings sshSettings() {
      throw new AssertionError("the flows reach hosts through their steps only");
    }

    @Override
    public SshHosts sshWith(io.sextant.ssh.SshSettings settings) {
      throw new AssertionError("the flows reach hosts through their steps only");
    }

    @Override
    public void connectEarly(List<String> hosts) {
      throw new AssertionError("the flows connect through their steps only");
    }

    @Override
    public Interruption interruption() {
      return interruption;
    }

    @Override
    public Path workingDir() {
      return dir;
    }
  }
}

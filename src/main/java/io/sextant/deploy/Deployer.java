package io.sextant.deploy;

import io.sextant.app.GroupHooks;
import io.sextant.commands.AppCommands;
import io.sextant.commands.AssetCommands;
import io.sextant.commands.PruneCommands;
import io.sextant.config.DeployConfig;
import io.sextant.config.Role;
import io.sextant.console.Console;
import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookPoint;
import io.sextant.process.Interruption;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The deploy flows, with Kamal's steps, messages and hook order
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L5-L110): {@code deploy}, {@code redeploy},
 * {@code rollback}, {@code setup}, and the pieces they share ({@code build push/pull}, {@code app boot}, {@code server
 * bootstrap}). A flow that fails after it started releases the lock first, then fires {@code post-deploy-failure} (B1)
 * best effort, and rethrows the original error. The flows only decide the order; {@link FlowSteps} carries it out.
 */
public final class Deployer {
  private static final String AUTOMATIC_LOCK = "Automatic deploy lock";

  private final FlowContext ctx;
  private final FlowSteps steps;
  private final Console console;
  private final Memo previousVersion;
  private final ReleaseStep release;
  /** When the running flow started, and whether post-deploy under the lock printed its {@code Finished all in}. */
  private Instant flowStart;
  private boolean finishedUnderLock;

  public Deployer(FlowContext ctx) {
    this(ctx, false);
  }

  /** @param skipRelease {@code --skip-release}: the release command ({@code x-release}) does not run */
  public Deployer(FlowContext ctx, boolean skipRelease) {
    this(ctx, new HostFlowSteps(ctx), skipRelease);
  }

  /** @param steps what the flows do, in the order they decide */
  Deployer(FlowContext ctx, FlowSteps steps) {
    this(ctx, steps, false);
  }

  Deployer(FlowContext ctx, FlowSteps steps, boolean skipRelease) {
    this.ctx = ctx;
    this.steps = steps;
    this.console = ctx.console();
    this.previousVersion = new Memo(this::lookUpPreviousVersion);
    this.release = new ReleaseStep(ctx, steps, skipRelease);
  }

  /** {@code deploy [-P]} (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L21-L54). */
  public void deploy(boolean skipPush) {
    steps.readSecretsForHooks(SecretsCheck.DEPLOY_HOOKS);
    runFlow(ctx.version(), report -> {
      deliver(skipPush, report);
      report.enter("lock");
      withLockAndPreviousVersion(() -> {
        lockedDeploy(ctx.version(), report, true, false);
        postDeployUnderLock(ctx.version(), report);
      });
    }, true);
  }

  /**
   * {@code redeploy [-P]} (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L59-L84): as deploy,
   * without pruning.
   */
  public void redeploy(boolean skipPush) {
    steps.readSecretsForHooks(SecretsCheck.DEPLOY_HOOKS);
    runFlow(ctx.version(), report -> {
      deliver(skipPush, report);
      report.enter("lock");
      withLockAndPreviousVersion(() -> {
        lockedDeploy(ctx.version(), report, false, false);
        postDeployUnderLock(ctx.version(), report);
      });
    }, true);
  }

  /**
   * {@code rollback VERSION} (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L87-L110): the lock
   * first, then, only when a container of that version exists for every selected role on its hosts, pre-deploy, boot
   * and post-deploy. Otherwise Kamal's message, no hooks, exit 0.
   */
  public void rollback(String version) {
    steps.readSecretsForHooks(SecretsCheck.DEPLOY_HOOKS);
    runFlow(version, report -> {
      report.enter("lock");
      withLockAndPreviousVersion(() -> {
        report.enter("rollback");
        Optional<String> missing = missingContainer(version);
        if (missing.isPresent()) {
          console.error("Error looking for container version " + version + ": " + missing.get());
          console.error("The app version '" + version + "' is not available as a container (use 'sextant app "
              + "containers' for available versions)");
          throw new NothingToDo();
        }
        lockedDeploy(version, report, false, false);
        postDeployUnderLock(version, report);
      });
    }, true);
  }

  /**
   * {@code setup} (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L5-L16): the lock is taken
   * first and held throughout: server bootstrap ({@code docker-setup}), then the whole deploy, {@code post-deploy}
   * included.
   */
  public void setup(boolean skipPush) {
    steps.readSecretsForHooks(SecretsCheck.DEPLOY_HOOKS);
    runFlow(ctx.version(), report -> {
      report.enter("lock");
      steps.withLock(() -> {
        console.info("Ensure Docker is installed...");
        report.enter("server-bootstrap");
        bootstrap();
        Instant start = Instant.now();
        deliver(skipPush, report);
        lockedDeploy(ctx.version(), report, true, true);
        Duration runtime = finished(start);
        report.enter("post-deploy");
        steps.hook(HookPoint.POST_DEPLOY, deployContext(ctx.version()).withRuntime(runtime));
      });
    }, false);
  }

  /**
   * {@code build push}: pre-connect, local docker check and login, pre-build, build, push
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build.rb#L13-L68).
   */
  public void buildPush() {
    buildPush(new FailureReport(), List.of());
  }

  /** @param connectTo hosts to start connecting to once pre-connect has run, while the image builds */
  private void buildPush(FailureReport report, List<String> connectTo) {
    report.enter("pre-connect");
    steps.preConnect();
    if (!connectTo.isEmpty()) {
      steps.connectEarly(connectTo);
    }
    report.enter("build");
    steps.buildAndPush(() -> {
      report.enter("pre-build");
      steps.hook(HookPoint.PRE_BUILD, ctx.hookContext());
      report.enter("build");
    });
  }

  /** {@code build pull}: registry login and {@code docker pull} on every selected app host, in parallel. */
  public void buildPull() {
    steps.pull();
  }

  /**
   * {@code app boot}: the version booted on the selected hosts, group by group, under the lock
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L3-L41).
   */
  public void appBoot(String version) {
    steps.withLock(() -> {
      prepareAssets(version);
      boot(version, new FailureReport());
    });
  }

  /**
   * {@code server bootstrap}: Docker checked everywhere, then {@code docker-setup}, under the lock
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/server.rb#L38-L69).
   */
  public void serverBootstrap() {
    steps.withLock(this::bootstrap);
  }

  private void bootstrap() {
    steps.bootstrap(() -> steps.hook(HookPoint.DOCKER_SETUP, ctx.hookContext()));
  }

  /**
   * Runs {@code body} under the lock; the exec that takes the lock also asks the primary host (the lock's home) for
   * the version running there, so the previous version costs no round trip of its own (B5). When no exec takes
   * the lock (inherited from a parent Sextant), it is looked up on first use as before.
   */
  private void withLockAndPreviousVersion(Runnable body) {
    Optional<String> query = previousVersionQuery();
    if (query.isEmpty()) {
      steps.withLock(body);
      return;
    }
    steps.withLock(query.get(), output -> previousVersion.set(firstLine(output)), body);
  }

  /** Build and push (or, with {@code -P}, only pull), outside the lock. */
  private void deliver(boolean skipPush, FailureReport report) {
    if (skipPush) {
      console.info("Pull app image...");
      steps.connectEarly(ctx.selection().appHosts());
    } else {
      console.info("Build and push app image...");
      buildPush(report, ctx.selection().appHosts());
    }
    report.enter("pull");
    buildPull();
  }

  /**
   * With {@code x-hooks.post_deploy_lock: true}, {@code post-deploy} runs here, before the lock is released (row 7 of
   * the user asks); without it, {@link #runFlow} runs it after the release, as Kamal does.
   */
  private void postDeployUnderLock(String version, FailureReport report) {
    if (!postDeployLocked()) {
      return;
    }
    Duration runtime = finished(flowStart);
    finishedUnderLock = true;
    report.enter("post-deploy");
    steps.hook(HookPoint.POST_DEPLOY, deployContext(version).withRuntime(runtime));
  }

  private boolean postDeployLocked() {
    return ctx.config().hooksExtension().postDeployLock();
  }

  /**
   * The part of deploy/redeploy/rollback that runs under the lock; {@code bootAccessories} (setup) boots every
   * accessory after kamal-proxy, as Kamal's {@code deploy(boot_accessories: true)}.
   */
  private void lockedDeploy(String version, FailureReport report, boolean prune, boolean bootAccessories) {
    report.enter("pre-deploy");
    steps.hook(HookPoint.PRE_DEPLOY, deployContext(version));
    if (prune) {
      // Only deploy and setup make sure the proxy runs; redeploy and rollback expect it (Kamal's main.rb).
      report.enter("proxy-boot");
      console.info("Ensure kamal-proxy is running...");
      steps.proxyBoot();
    }
    if (bootAccessories && !ctx.config().accessories().isEmpty()) {
      report.enter("accessory-boot");
      steps.accessoriesBoot();
    }
    release.run(version, previousVersion::get, report);
    report.enter("app-boot");
    prepareAssets(version);
    if (!prune) {
      boot(version, report);
      return;
    }
    steps.bootWithoutTag(version, groupHooks(version, report));
    report.enter("prune");
    console.info("Prune old containers and images...");
    steps.tagAndPrune(version, pruneCommand(ctx.config().retainContainers(), true, true),
        () -> report.enter("app-boot"));
  }

  /**
   * The assets of {@code version} on every host before the first boot group, when a selected role bridges them
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L9-L17); a failure stops the boot there.
   */
  private void prepareAssets(String version) {
    DeployConfig config = ctx.config();
    if (ctx.selection().selectedRoles(config).stream().anyMatch(role -> AssetCommands.bridges(config, role))) {
      steps.prepareAssets(version);
    }
  }

  private void boot(String version, FailureReport report) {
    steps.boot(version, groupHooks(version, report));
  }

  private GroupHooks groupHooks(String version, FailureReport report) {
    return new GroupHooks() {
      @Override
      public void beforeGroup(List<String> hosts) {
        report.enter("pre-app-boot", hosts);
        steps.hook(HookPoint.PRE_APP_BOOT, deployContext(version).withGroupHosts(hosts));
        report.enter("app-boot");
      }

      @Override
      public void afterGroup(List<String> hosts) {
        report.enter("post-app-boot", hosts);
        steps.hook(HookPoint.POST_APP_BOOT, deployContext(version).withGroupHosts(hosts));
        report.enter("app-boot");
      }
    };
  }

  /**
   * {@code prune}: removes stopped app containers beyond the newest {@code retain} and/or the images no container
   * uses, on every selected app host (the caller holds the lock).
   */
  public void prune(int retain, boolean containers, boolean images) {
    steps.onAppHosts("prune", pruneCommand(retain, containers, images));
  }

  private String pruneCommand(int retain, boolean containers, boolean images) {
    PruneCommands commands = PruneCommands.of(ctx.config());
    List<String> steps = new ArrayList<>();
    if (containers) {
      steps.add(commands.appContainers(retain));
    }
    if (images) {
      steps.add(commands.danglingImages());
      steps.add(commands.taggedImages());
    }
    return String.join(" ; ", steps);
  }

  private HookContext deployContext(String version) {
    HookContext context = release.describe(ctx.hookContext().withVersion(version));
    String previous = previousVersion.get();
    return previous == null ? context : context.withPreviousVersion(previous);
  }

  /**
   * The version running on the primary host before this deploy booted anything (B5); unknown ({@code null}) when
   * the host cannot tell (a lost primary then fails the deploy at its next step, with a clear error).
   */
  private String lookUpPreviousVersion() {
    Optional<String> query = previousVersionQuery();
    Optional<String> host = ctx.config().primaryHost();
    if (query.isEmpty() || host.isEmpty()) {
      return null;
    }
    RemoteResult result;
    try {
      result = steps.run(host.get(), query.get());
    } catch (RuntimeException e) {
      console.debug("Previous version unknown: " + e.getMessage());
      return null;
    }
    return result.ok() ? firstLine(result.stdout()) : null;
  }

  /** The command printing the version running on the primary host, if there is a primary role and host. */
  private Optional<String> previousVersionQuery() {
    DeployConfig config = ctx.config();
    Optional<Role> role = config.primaryRoleConfig();
    if (role.isEmpty() || config.primaryHost().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(AppCommands.of(config, role.get(), ctx.version()).currentRunningVersion());
  }

  private static String firstLine(String output) {
    String version = output.strip();
    return version.isEmpty() ? null : version.lines().findFirst().orElse(null);
  }

  /**
   * Empty when every selected role has a container of {@code version} on each of its hosts. A host that cannot
   * be asked (unreachable, Docker failing) is an error, as in Kamal: only a clean "no such container" means the
   * version is not available.
   *
   * @throws RemoteException naming the hosts where the lookup itself failed
   */
  private Optional<String> missingContainer(String version) {
    DeployConfig config = ctx.config();
    List<String> missing = new ArrayList<>();
    List<RemoteResult> failed = new ArrayList<>();
    for (Role role : ctx.selection().selectedRoles(config)) {
      AppCommands app = AppCommands.of(config, role, version);
      List<String> hosts = ctx.selection().rolesToHosts().get(role.name());
      for (RemoteResult result : steps.runAll(hosts, app.containerIdForVersion(version, false))) {
        if (!result.ok()) {
          failed.add(result);
        } else if (result.stdout().isBlank()) {
          missing.add("no container " + app.containerName() + " on " + result.host());
        }
      }
    }
    if (!failed.isEmpty()) {
      throw new RemoteException("lookup of the containers of version " + version, failed);
    }
    return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
  }

  /**
   * Runs a flow: times it, prints {@code Finished all in}, fires {@code post-deploy} (when {@code postDeploy},
   * after the lock is released) and, on failure, {@code post-deploy-failure}.
   */
  private void runFlow(String version, FlowBody body, boolean postDeploy) {
    Instant start = Instant.now();
    flowStart = start;
    finishedUnderLock = false;
    release.plan();
    FailureReport report = new FailureReport();
    // Registered before the lock registers its release: interrupt actions run last-in first-out, so on Ctrl-C
    // the lock is released first, then the failure hook runs (B1).
    Interruption.Registration onInterrupt = ctx.interruption().onInterrupt("post-deploy-failure hook",
        () -> failureHook(version, "interrupted", null, report, start));
    try {
      body.run(report);
    } catch (NothingToDo nothing) {
      onInterrupt.close();
      finished(start);
      return;
    } catch (RuntimeException e) {
      onInterrupt.close();
      if (!finishedUnderLock) {
        finished(start);
      }
      // After Ctrl-C the signal handler fires the hook (once); a failed post-deploy (setup runs it under the lock)
      // never fires it: the deploy itself succeeded (B1).
      if (!ctx.interruption().isInterrupted() && !report.step().equals("post-deploy")) {
        failureHook(version, message(e), e, report, start);
      }
      throw e;
    }
    onInterrupt.close();
    if (postDeploy && postDeployLocked()) {
      return;
    }
    Duration runtime = finished(start);
    if (postDeploy) {
      report.enter("post-deploy");
      // A failure here leaves the new version live and fails the command, as in Kamal, without the failure hook (B1).
      steps.hook(HookPoint.POST_DEPLOY, deployContext(version).withRuntime(runtime));
    }
  }

  private static String message(RuntimeException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** Fires {@code post-deploy-failure}; its own failure is reported but never replaces the original error. */
  private void failureHook(String version, String error, RuntimeException cause, FailureReport report,
      Instant start) {
    String message = console.redacted(error).lines().findFirst().orElse("");
    // Only a previous version already looked up: the failure path must not connect (a failed pre-connect would run
    // again, an unreachable host would throw and hide the original error and this hook).
    HookContext context = release.describe(ctx.hookContext().withVersion(version));
    String previous = previousVersion.peek();
    if (previous != null) {
      context = context.withPreviousVersion(previous);
    }
    context = context
        .withRuntime(Duration.between(start, Instant.now()))
        .withFailure(message, report.failedStep(cause), report.failedHosts(cause));
    steps.hookBestEffort(HookPoint.POST_DEPLOY_FAILURE, context).ifPresent(hookError ->
        console.error("The post-deploy-failure hook failed too: " + hookError.getMessage()));
  }

  private Duration finished(Instant start) {
    Duration runtime = Duration.between(start, Instant.now());
    console.info(String.format(Locale.ROOT, "  Finished all in %.1f seconds", runtime.toMillis() / 1000.0));
    return runtime;
  }

  @FunctionalInterface
  private interface FlowBody {
    void run(FailureReport report);
  }

  /** Ends a flow early without error and without hooks (rollback to a version that is not there). */
  private static final class NothingToDo extends RuntimeException {
    NothingToDo() {
      super(null, null, false, false);
    }
  }

  /** A value computed once, on first use. */
  private static final class Memo {
    private final java.util.function.Supplier<String> supplier;
    private boolean done;
    private String value;

    Memo(java.util.function.Supplier<String> supplier) {
      this.supplier = supplier;
    }

    /** The value if it was already computed, else {@code null} (never computes it). */
    synchronized String peek() {
      return done ? value : null;
    }

    /** Sets the value unless it was computed already. */
    synchronized void set(String known) {
      if (!done) {
        value = known;
        done = true;
      }
    }

    synchronized String get() {
      if (!done) {
        value = supplier.get();
        done = true;
      }
      return value;
    }
  }
}

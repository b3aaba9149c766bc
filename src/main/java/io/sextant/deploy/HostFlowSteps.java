package io.sextant.deploy;

import io.sextant.app.AppBooter;
import io.sextant.app.AssetBridge;
import io.sextant.app.GroupHooks;
import io.sextant.app.ImagePuller;
import io.sextant.app.ReleaseRunner;
import io.sextant.app.ServerBootstrap;
import io.sextant.build.BuildPlan;
import io.sextant.build.ImageBuilder;
import io.sextant.build.LocalRegistry;
import io.sextant.build.LocalArchitecture;
import io.sextant.build.RemoteBuilderHost;
import io.sextant.commands.BuilderCommands;
import io.sextant.config.ReleaseCommand;
import io.sextant.config.Role;
import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookPoint;
import io.sextant.hooks.HookRunner;
import io.sextant.process.Interruption;
import io.sextant.process.ProcessRunner;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The flow steps carried out for real: the session's hooks, lock and SSH connections, the local docker. */
final class HostFlowSteps implements FlowSteps {
  private final FlowContext ctx;

  HostFlowSteps(FlowContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void readSecretsForHooks(List<HookPoint> hooks) {
    SecretsCheck.beforeHooks(ctx, hooks);
  }

  @Override
  public void preConnect() {
    ctx.hooks().preConnectOnce(ctx.hookContext());
  }

  @Override
  public void connectEarly(List<String> hosts) {
    ctx.connectEarly(hosts);
  }

  @Override
  public void hook(HookPoint hook, HookContext context) {
    ctx.hooks().run(hook, context);
  }

  @Override
  public Optional<? extends RuntimeException> hookBestEffort(HookPoint hook, HookContext context) {
    return ctx.hooks().runBestEffort(hook, context);
  }

  @Override
  public void withLock(Runnable body) {
    ctx.lock().withLock(body);
  }

  @Override
  public void withLock(String query, Consumer<String> answer, Runnable body) {
    ctx.lock().withLock(query, answer, body);
  }

  @Override
  public void buildAndPush(Runnable preBuild) {
    ProcessRunner runner = new ProcessRunner();
    BuildPlan plan = BuildPlan.of(ctx.config(), ctx.secrets(), ctx.version(),
        LocalArchitecture.of(runner, ctx.config().builder()));
    // A local registry is started where Kamal starts it: after the docker check, before pre-build.
    Runnable beforeBuild = ctx.config().registry().isLocal() ? () -> {
      localRegistry().setup();
      preBuild.run();
    } : preBuild;
    new ImageBuilder(runner, ctx.console(), ctx.workingDir(), ctx.environment(),
        () -> RemoteBuilderReach.check(ctx))
        .buildAndPush(plan, ctx.buildFlags(), beforeBuild, build -> aroundBuild(plan.builder(), build));
  }

  /**
   * With a local registry and a remote (or hybrid) builder, the builder check and the build run while the
   * builder's host forwards the registry's port here, on a session of its own; closed afterwards, on failure and
   * on Ctrl-C too (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build.rb#L40-L67).
   */
  private void aroundBuild(BuilderCommands builder, Runnable build) {
    Optional<RemoteBuilderHost> target = RemoteBuilderHost.forLocalRegistry(builder, ctx.config().registry());
    if (target.isEmpty()) {
      build.run();
      return;
    }
    try (SshHosts builderSsh = ctx.sshWith(target.get().settings(ctx.sshSettings(), RemoteBuilderHost.localUser()));
        Interruption.Registration onInterrupt = ctx.interruption().onInterrupt(
            "close the port forwarding to the remote builder", builderSsh::close)) {
      localRegistry().forwardedToBuilder(builderSsh, target.get(), build);
    }
  }

  @Override
  public void pull() {
    BuildPlan plan = BuildPlan.of(ctx.config(), ctx.secrets(), ctx.version());
    List<String> hosts = ctx.selection().appHosts();
    Runnable pull = () -> new ImagePuller(ctx.ssh(), ctx.console()).pull(hosts, plan.commands(), plan.registry(),
        plan.registryPassword());
    if (ctx.config().registry().isLocal()) {
      localRegistry().forwardedTo(ctx.ssh(), hosts, pull);
    } else {
      pull.run();
    }
  }

  private LocalRegistry localRegistry() {
    return new LocalRegistry(new ProcessRunner(), ctx.console(), ctx.config().registry().localPort());
  }

  @Override
  public void bootstrap(Runnable dockerSetup) {
    HookRunner hooks = ctx.hooks();
    // docker-install, when the project has one, replaces Kamal's get.docker.com install (row 27 of the user asks).
    Consumer<List<String>> dockerInstall = hooks.wouldRun(HookPoint.DOCKER_INSTALL)
        ? missing -> hooks.run(HookPoint.DOCKER_INSTALL, ctx.hookContext().withGroupHosts(missing))
        : null;
    new ServerBootstrap(ctx.ssh(), ctx.console(), dockerInstall).run(ctx.selection().hosts(), dockerSetup);
  }

  @Override
  public void proxyBoot() {
    new ProxyFlows(ctx).boot();
  }

  @Override
  public void release(ReleaseCommand release, String host, String version, Map<String, String> env) {
    new ReleaseRunner(ctx.ssh(), ctx.console(), ctx.config(), ctx.secrets(), ctx.interruption())
        .run(release, host, version, env);
  }

  @Override
  public void accessoriesBoot() {
    new AccessoryFlows(ctx).boot(ctx.config().accessories());
  }

  @Override
  public void prepareAssets(String version) {
    new AssetBridge(ctx.ssh(), ctx.console(), ctx.config(), version).prepare(ctx.selection().appHosts(), roles());
  }

  @Override
  public void boot(String version, GroupHooks hooks) {
    booter(version).boot(ctx.selection().appHosts(), roles(), hooks);
  }

  @Override
  public void bootWithoutTag(String version, GroupHooks hooks) {
    booter(version).bootWithoutTag(ctx.selection().appHosts(), roles(), hooks);
  }

  @Override
  public void tagAndPrune(String version, String prune, Runnable onTagFailure) {
    AppBooter booter = booter(version);
    List<String> hosts = ctx.selection().appHosts();
    List<String> tagged = booter.hostsToTag(hosts, roles());
    new TagAndPrune(ctx.ssh(), tagged.isEmpty() ? null : booter.tagLatestCommand(roles()), tagged)
        .run(hosts, prune, onTagFailure);
  }

  @Override
  public void onAppHosts(String step, String command) {
    ctx.ssh().runAllOrThrow(step, ctx.selection().appHosts(), host -> command);
  }

  @Override
  public RemoteResult run(String host, String command) {
    return ctx.ssh().run(host, command);
  }

  @Override
  public List<RemoteResult> runAll(List<String> hosts, String command) {
    return ctx.ssh().runAll(hosts, host -> command);
  }

  private List<Role> roles() {
    return ctx.selection().selectedRoles(ctx.config());
  }

  private AppBooter booter(String version) {
    return new AppBooter(ctx.ssh(), ctx.console(), ctx.config(), ctx.secrets(), version, ctx.workingDir());
  }
}

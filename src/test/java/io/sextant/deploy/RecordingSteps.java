package io.sextant.deploy;

import io.sextant.SextantException;
import io.sextant.app.GroupHooks;
import io.sextant.config.DeployConfig;
import io.sextant.config.HostSelection;
import io.sextant.config.ReleaseCommand;
import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookPoint;
import io.sextant.process.Interruption;
import io.sextant.ssh.RemoteResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link FlowSteps} that does nothing but write down, in order, each step a flow asks for, and throws where a
 * test says a step fails. Hooks are written with the lock state they would see ({@code [locked]}) and, for
 * {@code post-deploy-failure}, the step and hosts it is told failed. Boots call the group hooks around each boot
 * group of the configuration, as the real boot does.
 */
final class RecordingSteps implements FlowSteps {
  private final DeployConfig config;
  private final HostSelection selection;
  private final Interruption interruption;
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private String failAt;
  private RuntimeException failure;
  private String previousVersion = "v0";
  private List<String> hostsWithoutTheVersion = List.of();
  private Runnable duringBoot = () -> {};
  private boolean locked;
  private Map<String, String> releaseEnv;

  RecordingSteps(DeployConfig config, HostSelection selection, Interruption interruption) {
    this.config = config;
    this.selection = selection;
    this.interruption = interruption;
  }

  /** The step (as written in {@link #events()}) that throws {@code error} instead of being done. */
  RecordingSteps failAt(String event, RuntimeException error) {
    this.failAt = event;
    this.failure = error;
    return this;
  }

  RecordingSteps failAt(String event) {
    return failAt(event, new SextantException(event + " failed", SextantException.COMMAND_FAILED));
  }

  /** Hosts where the rollback's container lookup finds nothing. */
  RecordingSteps withoutTheVersionOn(List<String> hosts) {
    this.hostsWithoutTheVersion = List.copyOf(hosts);
    return this;
  }

  /** Something that happens while the first group boots (e.g. a Ctrl-C). */
  RecordingSteps duringBoot(Runnable action) {
    this.duringBoot = action;
    return this;
  }

  List<String> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  boolean locked() {
    return locked;
  }

  /** The variables the last release command was given besides the role's env, or {@code null}. */
  Map<String, String> releaseEnv() {
    return releaseEnv;
  }

  /** {@code " release=<status>"} when the hook is told about a release command, else nothing. */
  private static String release(HookContext context) {
    return context.release() == null ? "" : " release=" + context.release().status();
  }

  private void step(String event) {
    events.add(event);
    if (event.equals(failAt)) {
      throw failure;
    }
  }

  /** Not an event of the flow (it reads, it does not act); failing it shows that nothing runs before it. */
  @Override
  public void readSecretsForHooks(List<HookPoint> hooks) {
    if (("secrets for " + hooks.stream().map(HookPoint::hookName).toList()).equals(failAt)) {
      throw failure;
    }
  }

  @Override
  public void preConnect() {
    step("pre-connect");
  }

  @Override
  public void connectEarly(List<String> hosts) {
    step("connect " + String.join(",", hosts));
  }

  @Override
  public void hook(HookPoint hook, HookContext context) {
    String groups = context.groupHosts() == null ? "" : " " + String.join(",", context.groupHosts());
    step(hook.hookName() + groups + (context.lockHeld() ? " [locked]" : "") + release(context));
  }

  @Override
  public Optional<? extends RuntimeException> hookBestEffort(HookPoint hook, HookContext context) {
    events.add(hook.hookName() + " step=" + context.failedStep() + " hosts=" + context.failedHosts()
        + (context.lockHeld() ? " [locked]" : "") + release(context));
    return Optional.empty();
  }

  @Override
  public void withLock(Runnable body) {
    lock("lock", body);
  }

  @Override
  public void withLock(String query, Consumer<String> answer, Runnable body) {
    lock("lock (and the previous version)", () -> {
      answer.accept(previousVersion + "\n");
      body.run();
    });
  }

  /** As the real lock: released on the way out, or first thing on an interruption (registered after the flow's). */
  private void lock(String event, Runnable body) {
    step(event);
    locked = true;
    Interruption.Registration release = interruption.onInterrupt("release", this::unlock);
    try {
      body.run();
    } finally {
      release.close();
      unlock();
    }
  }

  private synchronized void unlock() {
    if (locked) {
      locked = false;
      events.add("unlock");
    }
  }

  @Override
  public void buildAndPush(Runnable preBuild) {
    step("docker check and login");
    preBuild.run();
    step("build and push");
  }

  @Override
  public void pull() {
    step("pull");
  }

  @Override
  public void bootstrap(Runnable dockerSetup) {
    step("bootstrap");
    dockerSetup.run();
  }

  @Override
  public void proxyBoot() {
    step("proxy boot");
  }

  @Override
  public void release(ReleaseCommand release, String host, String version, Map<String, String> env) {
    releaseEnv = Map.copyOf(env);
    step("release " + version + " on " + host + (locked ? " [locked]" : ""));
  }

  @Override
  public void accessoriesBoot() {
    step("accessory boot all");
  }

  @Override
  public void prepareAssets(String version) {
    step("assets " + version);
  }

  @Override
  public void boot(String version, GroupHooks hooks) {
    bootWithoutTag(version, hooks);
    step("tag " + version);
  }

  @Override
  public void bootWithoutTag(String version, GroupHooks hooks) {
    boolean first = true;
    for (List<String> group : config.bootGroups(selection.appHosts())) {
      hooks.beforeGroup(group);
      if (first) {
        duringBoot.run();
        first = false;
      }
      step("boot " + version + " " + String.join(",", group));
      hooks.afterGroup(group);
    }
  }

  @Override
  public void tagAndPrune(String version, String prune, Runnable onTagFailure) {
    if ("tag and prune".equals(failAt)) {
      onTagFailure.run();
    }
    step("tag and prune");
  }

  @Override
  public void onAppHosts(String step, String command) {
    step(step);
  }

  @Override
  public RemoteResult run(String host, String command) {
    step("previous version from " + host);
    return new RemoteResult(host, 0, previousVersion + "\n", "");
  }

  @Override
  public List<RemoteResult> runAll(List<String> hosts, String command) {
    step("containers of the version on " + String.join(",", hosts));
    return hosts.stream()
        .map(host -> new RemoteResult(host, 0, hostsWithoutTheVersion.contains(host) ? "" : "c0ffee\n", ""))
        .toList();
  }
}

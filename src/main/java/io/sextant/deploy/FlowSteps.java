package io.sextant.deploy;

import io.sextant.app.GroupHooks;
import io.sextant.config.ReleaseCommand;
import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookPoint;
import io.sextant.ssh.RemoteResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything a deploy flow does outside itself: hooks, the lock, the build, the hosts. {@link Deployer} decides
 * only the order of these steps; {@link HostFlowSteps} carries them out (a test double records them).
 */
interface FlowSteps {
  /**
   * Reads every secret now when one of {@code hooks} would run a script that receives them all, so that a secret
   * those hooks cannot get stops the flow before anything runs; otherwise reads nothing.
   */
  void readSecretsForHooks(List<HookPoint> hooks);

  /** Fires {@code pre-connect} unless this process has connected already. */
  void preConnect();

  /** Starts connecting to {@code hosts} in the background when nothing has to happen first. */
  void connectEarly(List<String> hosts);

  /** Runs a hook; a failure throws. */
  void hook(HookPoint hook, HookContext context);

  /** Runs a hook, returning its failure instead of throwing it. */
  Optional<? extends RuntimeException> hookBestEffort(HookPoint hook, HookContext context);

  /** Runs {@code body} under the deploy lock (released afterwards, also on failure). */
  void withLock(Runnable body);

  /** As {@link #withLock(Runnable)}, and the exec that takes the lock also runs {@code query} on the lock's host. */
  void withLock(String query, Consumer<String> answer, Runnable body);

  /** Local docker check and registry login, then {@code preBuild}, then the build and the push. */
  void buildAndPush(Runnable preBuild);

  /** Pulls the image on every selected app host. */
  void pull();

  /** Checks (and installs) Docker on every selected host, then runs {@code dockerSetup}. */
  void bootstrap(Runnable dockerSetup);

  /** Makes sure kamal-proxy runs on the selected hosts that run it ({@code proxy boot}, under the lock). */
  void proxyBoot();

  /** Boots every accessory on its selected hosts ({@code accessory boot all}, under the lock). */
  void accessoriesBoot();

  /**
   * Runs the release command on {@code host} in a one-off container of {@code version}, with {@code env} besides
   * the role's env file; a failure throws ({@link io.sextant.app.ReleaseFailedException}).
   */
  void release(ReleaseCommand release, String host, String version, Map<String, String> env);

  /**
   * Copies the assets of {@code version} out of its image on the selected app hosts and bridges them with the
   * running version's, for the selected roles that bridge assets ({@code asset_path} behind kamal-proxy).
   */
  void prepareAssets(String version);

  /** Boots {@code version} on the selected app hosts, group by group around {@code hooks}, then tags it latest. */
  void boot(String version, GroupHooks hooks);

  /** {@link #boot} without the final tag. */
  void bootWithoutTag(String version, GroupHooks hooks);

  /**
   * Tags {@code version} latest and runs {@code prune} on the selected app hosts, in one exec per host.
   *
   * @param onTagFailure called before a failed tag is thrown
   */
  void tagAndPrune(String version, String prune, Runnable onTagFailure);

  /** Runs {@code command} on every selected app host; a failure throws naming the hosts. */
  void onAppHosts(String step, String command);

  /** Runs {@code command} on one host (may throw when the host cannot be reached). */
  RemoteResult run(String host, String command);

  /** Runs {@code command} on each host, in parallel; one result per host, failures included. */
  List<RemoteResult> runAll(List<String> hosts, String command);
}

package io.sextant.deploy;

import io.sextant.config.ConfigurationException;
import io.sextant.config.DeployConfig;
import io.sextant.config.Secrets;
import io.sextant.hooks.HookPoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads, before a flow's first hook, lock or connection, every secret the flow will read, so that a missing one
 * or one whose {@code $(command)} failed stops it with nothing run (exit 2, the file, line and key named). A flow
 * that reads no secret and fires no hook that receives them never reads the secrets files, as in Kamal.
 */
final class SecretsCheck {
  /** What a flow reads. */
  enum Need { APP_ENV, REGISTRY, BUILD }

  private SecretsCheck() {}

  /**
   * @param needs the parts of the configuration whose secrets the flow reads
   * @param hooks the hooks the flow fires; those that receive secrets ({@code pre-connect}, {@code pre-deploy},
   *     {@code post-deploy}) and have a script get the whole set, so then every key must be readable
   */
  static void before(FlowContext ctx, Set<Need> needs, List<HookPoint> hooks) {
    DeployConfig config = ctx.config();
    LinkedHashSet<String> keys = new LinkedHashSet<>();
    if (needs.contains(Need.REGISTRY)) {
      keys.addAll(config.registrySecretKeys());
    }
    if (needs.contains(Need.APP_ENV)) {
      keys.addAll(config.appSecretKeys());
    }
    if (needs.contains(Need.BUILD)) {
      keys.addAll(config.builder().secrets());
    }
    List<HookPoint> withSecrets = new ArrayList<>();
    for (HookPoint hook : hooks) {
      if (hook.receivesSecrets() && ctx.hooks().wouldRun(hook)) {
        withSecrets.add(hook);
      }
    }
    if (keys.isEmpty() && withSecrets.isEmpty()) {
      return;
    }
    Secrets secrets = ctx.secrets();
    keys.forEach(secrets::require);
    if (!withSecrets.isEmpty()) {
      try {
        secrets.asMap();
      } catch (ConfigurationException e) {
        throw new ConfigurationException(e.getMessage() + " (the " + withSecrets.get(0).hookName()
            + " hook gets every secret)", e);
      }
    }
  }
}

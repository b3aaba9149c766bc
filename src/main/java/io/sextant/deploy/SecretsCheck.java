package io.sextant.deploy;

import io.sextant.config.ConfigurationException;
import io.sextant.hooks.HookPoint;
import java.util.List;

/**
 * Reads every secret before a deploy flow's first hook, lock or connection when a hook it fires with a script
 * receives them all ({@code pre-connect}, {@code pre-deploy}, {@code post-deploy}), so that a key whose
 * {@code $(command)} failed stops the flow with nothing run (exit 2, the file, line and key named) rather than
 * when {@code pre-deploy} comes, after the build and under the lock. The secrets the flow itself looks up are
 * checked by {@link Preflight}; a flow whose hooks get no secret does not read them here.
 */
final class SecretsCheck {
  /** The hooks of deploy, redeploy, rollback and setup that receive every secret. */
  static final List<HookPoint> DEPLOY_HOOKS = List.of(HookPoint.PRE_CONNECT, HookPoint.PRE_DEPLOY,
      HookPoint.POST_DEPLOY);

  private SecretsCheck() {}

  static void beforeHooks(FlowContext ctx, List<HookPoint> hooks) {
    for (HookPoint hook : hooks) {
      if (hook.receivesSecrets() && ctx.hooks().wouldRun(hook)) {
        try {
          ctx.secrets().asMap();
        } catch (ConfigurationException e) {
          throw new ConfigurationException(e.getMessage() + " (the " + hook.hookName() + " hook gets every secret)",
              e);
        }
        return;
      }
    }
  }
}

package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookPoint;
import java.time.Duration;
import java.util.List;

/** The context a hook would get inside a given command ({@code hooks env} and {@code hooks run}). */
final class HookInvocation {
  private HookInvocation() {}

  static HookPoint hook(String name) {
    return HookPoint.fromName(name).orElseThrow(() -> new SextantException("Unknown hook '" + name
        + "'; hooks are: " + String.join(", ", List.of(HookPoint.values()).stream()
        .map(HookPoint::hookName).toList()), SextantException.USAGE_OR_CONFIG));
  }

  /** The command that fires the hook by default: the first one listed for it ({@code deploy} for pre-connect). */
  static String defaultCommand(HookPoint hook) {
    return hook == HookPoint.PRE_CONNECT ? "deploy" : hook.firedBy().get(0);
  }

  /**
   * The context inside {@code command} ({@code deploy} or {@code app boot}): lock state as Kamal has it at that
   * hook (true only while the lock is held, as in Kamal), placeholders for values only known while the command runs.
   */
  static HookContext forEnv(HookProject project, HookPoint hook, String command) {
    HookContext context = base(project, command);
    boolean locked = lockHeld(hook, context.command());
    context = context.withLock(locked, locked ? "<token of the held lock>" : null);
    if (hook.receivesRuntime()) {
      context = context.withRuntime(Duration.ZERO);
    }
    if (hook == HookPoint.POST_DEPLOY_FAILURE) {
      context = context.withFailure("<one-line error>", "<failed step>", List.of());
    }
    return withReleaseStatus(hook, context);
  }

  /** The context of {@code hooks run}: no lock is taken, {@code KAMAL_HOOK_DRY_RUN=1}. */
  static HookContext forRun(HookProject project, HookPoint hook, String command) {
    HookContext context = base(project, command).withLock(false, null).withDryRun(true);
    if (hook.receivesRuntime()) {
      context = context.withRuntime(Duration.ZERO);
    }
    if (hook == HookPoint.POST_DEPLOY_FAILURE) {
      context = context.withFailure("Dry run (sextant hooks run): nothing failed", "dry-run", List.of());
    }
    return withReleaseStatus(hook, context);
  }

  /**
   * The release command's state as {@code hook} sees it in a deploy: not run yet before the boot, done by the boot
   * hooks and {@code post-deploy}, failed (placeholder) in the failure hook; a skipped one stays skipped.
   */
  static HookContext withReleaseStatus(HookPoint hook, HookContext context) {
    HookContext.Release release = context.release();
    if (release == null || release.host() == null) {
      return context;
    }
    String status = switch (hook) {
      case PRE_APP_BOOT, POST_APP_BOOT, POST_DEPLOY -> "succeeded";
      case POST_DEPLOY_FAILURE -> "<failed, timed-out or pending>";
      default -> "pending";
    };
    return context.withRelease(release.withStatus(status));
  }

  private static HookContext base(HookProject project, String command) {
    String[] words = command.strip().split("\\s+", 2);
    return project.context(words[0], words.length > 1 ? words[1] : null);
  }

  /** {@code KAMAL_LOCK} of each hook per command, as Kamal sets it: true only while the lock is held. */
  static boolean lockHeld(HookPoint hook, String command) {
    if (hook == HookPoint.PRE_CONNECT || hook == HookPoint.POST_DEPLOY_FAILURE) {
      return false;
    }
    if (command.equals("setup")) {
      return true;
    }
    return hook != HookPoint.PRE_BUILD && hook != HookPoint.POST_DEPLOY;
  }
}

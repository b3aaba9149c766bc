package io.sextant.deploy;

import io.sextant.app.ReleaseFailedException;
import io.sextant.config.ReleaseCommand;
import io.sextant.hooks.HookContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The release command ({@code x-release}) in a deploy flow: where it runs (the first selected host of its role), what
 * hooks are told about it from the start of the flow ({@code release} in the context file), and the step itself.
 * It does not run with {@code --skip-release}, nor when the host selection leaves its role out.
 */
final class ReleaseStep {
  static final String PENDING = "pending";
  static final String SKIPPED = "skipped";
  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";
  static final String TIMED_OUT = "timed-out";

  private final FlowContext ctx;
  private final FlowSteps steps;
  private final boolean skip;
  private volatile HookContext.Release state;

  /** @param skip {@code --skip-release} */
  ReleaseStep(FlowContext ctx, FlowSteps steps, boolean skip) {
    this.ctx = ctx;
    this.steps = steps;
    this.skip = skip;
  }

  /** At the start of a deploy flow: decides where the command will run, if it will. */
  void plan() {
    Optional<ReleaseCommand> release = ctx.config().release();
    if (release.isEmpty()) {
      state = null;
      return;
    }
    ReleaseCommand command = release.get();
    List<String> hosts = ctx.selection().rolesToHosts().getOrDefault(command.role(), List.of());
    String host = skip || hosts.isEmpty() ? null : hosts.get(0);
    state = new HookContext.Release(command.text(), command.role(), host, command.timeoutSeconds(),
        host == null ? SKIPPED : PENDING);
  }

  /** {@code context} with what hooks are told about the release command (unchanged when there is none). */
  HookContext describe(HookContext context) {
    HookContext.Release release = state;
    return release == null ? context : context.withRelease(release);
  }

  /**
   * Runs the command in a container of {@code version}, unless it is skipped (then says why).
   *
   * @param previousVersion the version running before, or {@code null} (asked only when the command runs)
   */
  void run(String version, Supplier<String> previousVersion, FailureReport report) {
    HookContext.Release planned = state;
    if (planned == null) {
      return;
    }
    if (planned.host() == null) {
      ctx.console().info(skip ? "Skipping the release command (--skip-release)"
          : "Skipping the release command: no host of role " + planned.role() + " is selected");
      return;
    }
    report.enter("release", List.of(planned.host()));
    try {
      steps.release(ctx.config().release().orElseThrow(), planned.host(), version,
          containerEnv(version, planned.host(), previousVersion.get()));
      state = planned.withStatus(SUCCEEDED);
    } catch (ReleaseFailedException e) {
      state = planned.withStatus(e.timedOut() ? TIMED_OUT : FAILED);
      throw e;
    } catch (RuntimeException e) {
      state = planned.withStatus(FAILED);
      throw e;
    }
  }

  /** What the container is told besides the role's env: Kamal's variables of an app container, and the command. */
  private Map<String, String> containerEnv(String version, String host, String previousVersion) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAMAL_VERSION", version);
    env.put("KAMAL_HOST", host);
    if (ctx.config().destination() != null) {
      env.put("KAMAL_DESTINATION", ctx.config().destination());
    }
    env.put("KAMAL_COMMAND", ctx.hookContext().command());
    if (previousVersion != null) {
      env.put("KAMAL_PREVIOUS_VERSION", previousVersion);
    }
    return env;
  }
}

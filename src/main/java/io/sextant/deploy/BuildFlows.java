package io.sextant.deploy;

import io.sextant.build.BuildFlags;
import io.sextant.build.BuildPlan;
import io.sextant.build.ImageBuilder;
import io.sextant.build.LocalArchitecture;
import io.sextant.commands.BuilderCommands;
import io.sextant.process.ProcessRunner;
import java.util.Map;

/**
 * The builder's own commands, {@code build create | remove | details | dev}
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build.rb#L94-L162); {@code build push/pull} are
 * {@link Deployer}'s. None connects to a host or takes the lock.
 */
public final class BuildFlows {
  private final FlowContext ctx;
  private final ProcessRunner runner = new ProcessRunner();

  public BuildFlows(FlowContext ctx) {
    this.ctx = ctx;
  }

  /**
   * {@code build create}: false when the builder could not be created (reported, as Kamal does, not raised). An
   * {@code ssh://} remote builder's host must answer first (pre-connect fires before it is contacted).
   */
  public boolean create() {
    RemoteBuilderReach.check(ctx);
    BuilderCommands builder = builder();
    ctx.console().debug("Using builder: " + builder.name());
    return imageBuilder().create(builder);
  }

  /** {@code build remove}. */
  public void remove() {
    BuilderCommands builder = builder();
    ctx.console().debug("Using builder: " + builder.name());
    imageBuilder().remove(builder);
  }

  /** {@code build details}: the builder's kind, then Docker's contexts and builders. */
  public void details() {
    BuilderCommands builder = builder();
    ctx.console().result("Builder: " + builder.name());
    ctx.console().result(imageBuilder().details(builder).stripTrailing());
  }

  /** {@code build dev}: the working directory built as {@code <version>-dirty}, exported to the local Docker. */
  public void dev(BuildFlags flags) {
    BuildPlan plan = BuildPlan.of(ctx.config(), ctx.secrets(), ctx.version(), localArch());
    imageBuilder().buildDev(plan, flags);
  }

  private BuilderCommands builder() {
    return BuilderCommands.of(ctx.config(), ctx.version(), localArch(), Map.of());
  }

  private String localArch() {
    return LocalArchitecture.of(runner, ctx.config().builder());
  }

  private ImageBuilder imageBuilder() {
    return new ImageBuilder(runner, ctx.console(), ctx.workingDir(), ctx.environment());
  }
}

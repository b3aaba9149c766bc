package io.sextant.cli;

import io.sextant.deploy.Deployer;
import io.sextant.deploy.Preflight.Need;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The top-level deploy commands: {@code deploy}, {@code redeploy}, {@code rollback}, {@code setup}. */
final class DeployCommands {
  private DeployCommands() {}

  /**
   * {@code deploy}: build, push, pull, then boot the new version under the lock
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L21-L54).
   */
  @Command(name = "deploy", description = "Deploy the app: build, push, pull and boot the new version.")
  static final class Deploy extends SessionCommand {
    @Option(names = {"-P", "--skip-push", "--skip_push"}, description = "Pull the image only (built elsewhere).")
    boolean skipPush;

    @Mixin NoCacheOption cache;

    @Override
    protected Set<Need> needs() {
      return skipPush ? EnumSet.of(Need.PULL, Need.BOOT) : EnumSet.of(Need.BUILD, Need.PULL, Need.BOOT);
    }

    @Override
    protected int run(CommandSession session) {
      session.useBuildFlags(cache.flags("registry"));
      audited(session, "Deployed " + session.version(), () -> new Deployer(session).deploy(skipPush));
      return 0;
    }
  }

  /**
   * {@code redeploy}: deploy without pruning
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L59-L84).
   */
  @Command(name = "redeploy", description = "Deploy the app again, without pruning old containers.")
  static final class Redeploy extends SessionCommand {
    @Option(names = {"-P", "--skip-push", "--skip_push"}, description = "Pull the image only (built elsewhere).")
    boolean skipPush;

    @Mixin NoCacheOption cache;

    @Override
    protected Set<Need> needs() {
      return skipPush ? EnumSet.of(Need.PULL, Need.BOOT) : EnumSet.of(Need.BUILD, Need.PULL, Need.BOOT);
    }

    @Override
    protected int run(CommandSession session) {
      session.useBuildFlags(cache.flags("registry"));
      audited(session, "Redeployed " + session.version(), () -> new Deployer(session).redeploy(skipPush));
      return 0;
    }
  }

  /**
   * {@code rollback VERSION}: boot a version whose containers still exist
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L87-L110).
   */
  @Command(name = "rollback", description = "Roll back to a version whose containers still exist on the hosts.")
  static final class Rollback extends SessionCommand {
    @Parameters(paramLabel = "VERSION", description = "The version to go back to (see `sextant app containers`).")
    String version;

    @Override
    protected Set<Need> needs() {
      return EnumSet.of(Need.BOOT);
    }

    @Override
    protected int run(CommandSession session) {
      audited(session, "Rolled back to " + version, () -> new Deployer(session).rollback(version));
      return 0;
    }
  }

  /**
   * {@code setup}: server bootstrap and a deploy, all under one lock
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L5-L16).
   */
  @Command(name = "setup", description = "Set up the servers (Docker, docker-setup hook) and deploy.")
  static final class Setup extends SessionCommand {
    @Option(names = {"-P", "--skip-push", "--skip_push"}, description = "Pull the image only (built elsewhere).")
    boolean skipPush;

    @Mixin NoCacheOption cache;

    @Override
    protected Set<Need> needs() {
      return skipPush ? EnumSet.of(Need.PULL, Need.BOOT, Need.SETUP)
          : EnumSet.of(Need.BUILD, Need.PULL, Need.BOOT, Need.SETUP);
    }

    @Override
    protected int run(CommandSession session) {
      session.useBuildFlags(cache.flags("registry"));
      audited(session, "Set up and deployed " + session.version(), () -> new Deployer(session).setup(skipPush));
      return 0;
    }
  }
}

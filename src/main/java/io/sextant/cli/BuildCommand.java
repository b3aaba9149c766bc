package io.sextant.cli;

import io.sextant.deploy.Deployer;
import io.sextant.deploy.Preflight.Need;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;

/**
 * {@code sextant build}: the app image (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build.rb). Never
 * takes the deploy lock.
 */
@Command(name = "build", description = "Build, push and pull the app image.",
    subcommands = {BuildCommand.Push.class, BuildCommand.Pull.class, BuildCommand.Deliver.class})
public final class BuildCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code build push}: pre-connect, pre-build, build, push. */
  @Command(name = "push", description = "Build the image and push it to the registry.")
  public static final class Push extends SessionCommand {
    @Override
    protected Set<Need> needs() {
      return EnumSet.of(Need.BUILD);
    }

    @Override
    protected int run(CommandSession session) {
      session.hooks().checkRunnable();
      new Deployer(session).buildPush();
      return 0;
    }
  }

  /** {@code build pull}: pull the image on every selected app host. */
  @Command(name = "pull", description = "Pull the image on the servers.")
  public static final class Pull extends SessionCommand {
    @Override
    protected Set<Need> needs() {
      return EnumSet.of(Need.PULL);
    }

    @Override
    protected int run(CommandSession session) {
      new Deployer(session).buildPull();
      return 0;
    }
  }

  /** {@code build deliver}: push, then pull. */
  @Command(name = "deliver", description = "Build and push the image, then pull it on the servers.")
  public static final class Deliver extends SessionCommand {
    @Override
    protected Set<Need> needs() {
      return EnumSet.of(Need.BUILD, Need.PULL);
    }

    @Override
    protected int run(CommandSession session) {
      session.hooks().checkRunnable();
      Deployer deployer = new Deployer(session);
      deployer.buildPush();
      deployer.buildPull();
      return 0;
    }
  }
}

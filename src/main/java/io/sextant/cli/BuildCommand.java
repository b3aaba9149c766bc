package io.sextant.cli;

import io.sextant.deploy.BuildFlows;
import io.sextant.deploy.Deployer;
import io.sextant.deploy.Preflight.Need;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sextant build}: the app image (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build.rb). Never
 * takes the deploy lock.
 */
@Command(name = "build", description = "Build, push and pull the app image.",
    subcommands = {BuildCommand.Push.class, BuildCommand.Pull.class, BuildCommand.Deliver.class,
        BuildCommand.Create.class, BuildCommand.Remove.class, BuildCommand.Details.class, BuildCommand.Dev.class})
public final class BuildCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code build push}: pre-connect, pre-build, build, push. */
  @Command(name = "push", description = "Build the image and push it to the registry.")
  public static final class Push extends SessionCommand {
    @Option(names = "--output", paramLabel = "TYPE", defaultValue = "registry",
        description = "Export type of the build result, any that `docker buildx build --output` takes (default: registry).")
    String output;

    @Mixin NoCacheOption cache;

    @Override
    protected Set<Need> needs() {
      return EnumSet.of(Need.BUILD);
    }

    @Override
    protected int run(CommandSession session) {
      session.hooks().checkRunnable();
      session.useBuildFlags(cache.flags(output));
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
    @Mixin NoCacheOption cache;

    @Override
    protected Set<Need> needs() {
      return EnumSet.of(Need.BUILD, Need.PULL);
    }

    @Override
    protected int run(CommandSession session) {
      session.hooks().checkRunnable();
      session.useBuildFlags(cache.flags("registry"));
      Deployer deployer = new Deployer(session);
      deployer.buildPush();
      deployer.buildPull();
      return 0;
    }
  }

  /** {@code build create}: the configured buildx builder (and a remote builder's Docker context). */
  @Command(name = "create", description = "Create the build setup (the buildx builder).")
  public static final class Create extends SessionCommand {
    @Override
    protected int run(CommandSession session) {
      new BuildFlows(session).create();
      return 0;
    }
  }

  /** {@code build remove}: removes what {@code build create} made. */
  @Command(name = "remove", description = "Remove the build setup (the buildx builder).")
  public static final class Remove extends SessionCommand {
    @Override
    protected int run(CommandSession session) {
      new BuildFlows(session).remove();
      return 0;
    }
  }

  /** {@code build details}: the builder kind, Docker's contexts and buildx builders. */
  @Command(name = "details", description = "Show the build setup.")
  public static final class Details extends SessionCommand {
    @Override
    protected int run(CommandSession session) {
      new BuildFlows(session).details();
      return 0;
    }
  }

  /** {@code build dev}: the working directory, tagged {@code -dirty}, into the local Docker. */
  @Command(name = "dev",
      description = "Build from the working directory, tag it as dirty, and export it to the local image store.")
  public static final class Dev extends SessionCommand {
    @Option(names = "--output", paramLabel = "TYPE", defaultValue = "docker",
        description = "Export type of the build result, any that `docker buildx build --output` takes (default: docker).")
    String output;

    @Mixin NoCacheOption cache;

    @Override
    protected Set<Need> needs() {
      return EnumSet.of(Need.BUILD);
    }

    @Override
    protected int run(CommandSession session) {
      new BuildFlows(session).dev(cache.flags(output));
      return 0;
    }
  }
}

package io.sextant.build;

import io.sextant.commands.DockerCommands;
import io.sextant.config.BuilderConfig;
import io.sextant.process.LocalCommand;
import io.sextant.process.OutputListener;
import io.sextant.process.ProcessFailedException;
import io.sextant.process.ProcessResult;
import io.sextant.process.ProcessRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * What of a {@code builder:} section Sextant cannot build yet, found before anything runs: builder kinds other
 * than the local {@code docker build} ({@code local: false}, {@code pack}, a {@code driver} other than
 * {@code docker}, build-time {@code ssh}), an architecture the local Docker does not build, and build secrets
 * without BuildKit. The last two ask this machine's {@code docker}; when it cannot answer, the build reports that.
 */
public final class BuildSupport {
  private final ProcessRunner runner;

  public BuildSupport(ProcessRunner runner) {
    this.runner = runner;
  }

  /** One line per problem, each naming its key; empty when the image can be built here. */
  public List<String> problems(BuilderConfig builder) {
    List<String> problems = new ArrayList<>(unsupportedKeys(builder));
    if (!problems.isEmpty()) {
      return problems;
    }
    if (!builder.arch().isEmpty()) {
      localArchitecture().filter(local -> !builder.arch().contains(local)).ifPresent(local -> problems.add(
          "builder/arch is " + String.join(", ", builder.arch()) + " but the local Docker builds " + local
              + " images, and Sextant does not do cross-platform or remote builds yet: build on a "
              + String.join("/", builder.arch()) + " machine, or set builder/arch to " + local));
    }
    if (!builder.secrets().isEmpty() && !succeeds(DockerCommands.localBuildxInstalled())) {
      problems.add("builder/secrets (" + String.join(", ", builder.secrets()) + ") need BuildKit, but the docker"
          + " buildx plugin is not installed on this machine: install docker-buildx, or remove builder/secrets"
          + " from the configuration");
    }
    return problems;
  }

  /** The builder keys that ask for another kind of build than the local {@code docker build}. */
  static List<String> unsupportedKeys(BuilderConfig builder) {
    List<String> problems = new ArrayList<>();
    if (!builder.local()) {
      problems.add("builder/local: false asks for a remote build, which Sextant does not support yet:"
          + " remove it to build on this machine");
    }
    Object driver = builder.extra().get("driver");
    if (driver != null && !"docker".equals(String.valueOf(driver))) {
      problems.add("builder/driver: " + driver + " is not supported yet (Sextant builds with the local docker"
          + " driver): remove builder/driver");
    }
    if (builder.extra().containsKey("pack")) {
      problems.add("builder/pack: buildpack builds are not supported yet: build from a Dockerfile instead");
    }
    if (builder.extra().containsKey("ssh")) {
      problems.add("builder/ssh: forwarding SSH into the build is not supported yet: remove builder/ssh");
    }
    return problems;
  }

  /** The local daemon's architecture, or empty when {@code docker info} cannot tell (the build reports why). */
  private java.util.Optional<String> localArchitecture() {
    try {
      ProcessResult info = runner.run(LocalCommand.of(DockerCommands.localArchitecture()), OutputListener.NONE);
      return info.succeeded() ? java.util.Optional.of(DockerCommands.dockerArch(info.stdout()))
          : java.util.Optional.empty();
    } catch (ProcessFailedException e) {
      return java.util.Optional.empty();
    }
  }

  private boolean succeeds(List<String> argv) {
    try {
      return runner.run(LocalCommand.of(argv), OutputListener.NONE).succeeded();
    } catch (ProcessFailedException e) {
      return false;
    }
  }
}

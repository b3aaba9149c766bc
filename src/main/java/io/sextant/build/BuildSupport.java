package io.sextant.build;

import io.sextant.commands.BuilderCommands;
import io.sextant.config.BuilderConfig;
import io.sextant.process.LocalCommand;
import io.sextant.process.OutputListener;
import io.sextant.process.ProcessFailedException;
import io.sextant.process.ProcessRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * What this machine lacks to build the image as configured, found before any hook, connection or lock: the
 * {@code docker buildx} plug-in (every Kamal 2 build uses it; there is no fallback to the legacy
 * {@code docker build}, which would ignore the builder's settings) and, for {@code builder.pack}, the {@code pack}
 * CLI.
 */
public final class BuildSupport {
  /** The one line for a machine without buildx, naming the install step. */
  public static final String BUILDX_MISSING = "Docker buildx plugin is not installed locally: Sextant builds with"
      + " `docker buildx` as Kamal does; install it (Debian/Ubuntu: the docker-buildx package; Docker's packages:"
      + " docker-buildx-plugin) and check with `docker buildx version`";

  private final ProcessRunner runner;

  public BuildSupport(ProcessRunner runner) {
    this.runner = runner;
  }

  /** One line per problem; empty when the image can be built here. */
  public List<String> problems(BuilderConfig builder) {
    List<String> problems = new ArrayList<>();
    if (!succeeds(List.of("sh", "-c", BuilderCommands.line(BuilderCommands.ensureDockerInstalled())))) {
      problems.add(succeeds(List.of("docker", "--version"))
          ? BUILDX_MISSING : "Docker is not installed locally: install the docker CLI and its buildx plug-in");
    }
    if (builder.extra().get("pack") != null && !succeeds(List.of("pack", "--version"))) {
      problems.add("builder/pack: the pack CLI (Cloud Native Buildpacks) is not installed locally: install it, or"
          + " remove builder/pack to build from a Dockerfile");
    }
    return problems;
  }

  private boolean succeeds(List<String> argv) {
    try {
      return runner.run(LocalCommand.of(argv), OutputListener.NONE).succeeded();
    } catch (ProcessFailedException e) {
      return false;
    }
  }
}

package io.sextant.build;

import io.sextant.commands.BuildCommands;
import io.sextant.commands.DockerCommands;
import io.sextant.commands.RegistryCommands;
import io.sextant.console.Console;
import io.sextant.process.LocalCommand;
import io.sextant.process.OutputListener;
import io.sextant.process.ProcessFailedException;
import io.sextant.process.ProcessResult;
import io.sextant.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the app image with the local {@code docker} CLI and pushes it (Kamal's {@code build push}): checks
 * Docker, logs in to the registry (password on stdin), runs the {@code pre-build} hook, builds from a fresh
 * clone of the git HEAD (or from {@code builder.context}), tags {@code <image>:<version>} and
 * {@code <image>:latest}, pushes both. Uses the plain {@code docker build}, so it works with the legacy
 * builder when buildx is missing; build secrets need BuildKit ({@link BuildSupport} refuses them without it).
 */
public final class ImageBuilder {
  private final ProcessRunner runner;
  private final Console console;
  private final Path projectDirectory;

  /**
   * @param projectDirectory where {@code config/deploy.yml} lives (the build runs from its counterpart in the
   *     clone, or from here when a context is given)
   */
  public ImageBuilder(ProcessRunner runner, Console console, Path projectDirectory) {
    this.runner = runner;
    this.console = console;
    this.projectDirectory = realPath(projectDirectory);
  }

  /**
   * The whole {@code build push}: docker check, registry login, {@code preBuild} (the pre-build hook), build,
   * push. Nothing is built when {@code preBuild} throws.
   */
  public void buildAndPush(BuildPlan plan, Runnable preBuild) {
    checkLocalDocker();
    if (plan.registry() != null) {
      login(plan.registry(), plan.registryPassword());
    }
    preBuild.run();
    build(plan);
    push(plan.commands());
  }

  /** Fails clearly when the local {@code docker} CLI is missing. */
  public void checkLocalDocker() {
    ProcessResult result;
    try {
      result = runner.run(LocalCommand.of(DockerCommands.localInstalled()), OutputListener.NONE);
    } catch (ProcessFailedException e) {
      throw new BuildException("Docker is not installed locally: install the docker CLI to build the image ("
          + e.getMessage() + ")");
    }
    if (!result.succeeded()) {
      throw new BuildException("`docker --version` failed locally: " + result.tail(3));
    }
  }

  /** {@code docker login} on this machine with the password on stdin. */
  public void login(RegistryCommands registry, String password) {
    console.debug("Logging in to " + describe(registry) + " locally");
    LocalCommand command = LocalCommand.of(registry.localLogin())
        .withStdin(password.getBytes(StandardCharsets.UTF_8));
    ProcessResult result = runner.run(command, OutputListener.NONE);
    if (!result.succeeded()) {
      throw new BuildException("docker login to " + describe(registry) + " failed locally: "
          + console.redacted(result.tail(3)));
    }
  }

  /** {@code docker logout} on this machine (Kamal's {@code registry remove}/{@code logout}). */
  public void logout(RegistryCommands registry) {
    console.info("Logging out of " + describe(registry) + " locally...");
    ProcessResult result = runner.run(LocalCommand.of(registry.localLogout()), OutputListener.NONE);
    if (!result.succeeded()) {
      throw new BuildException("docker logout of " + describe(registry) + " failed locally: "
          + console.redacted(result.tail(3)));
    }
  }

  /** Builds and tags the image, from a clean clone of HEAD when the plan says so. */
  public void build(BuildPlan plan) {
    BuildCommands commands = plan.commands();
    noteArchitecture(plan);
    LocalCommand build = LocalCommand.of(commands.build()).withEnv(plan.buildSecrets());
    if (!plan.buildSecrets().isEmpty()) {
      build = build.withEnv(java.util.Map.of("DOCKER_BUILDKIT", "1"));
    }
    console.info("Building " + commands.image() + "...");
    if (!plan.fromGitClone()) {
      runBuild(build.in(projectDirectory), commands);
      return;
    }
    Path clone = cloneHead();
    try {
      runBuild(build.in(clone.resolve(gitRoot().relativize(projectDirectory))), commands);
    } finally {
      deleteTree(clone);
    }
  }

  /** Pushes both tags. */
  public void push(BuildCommands commands) {
    console.info("Pushing " + commands.image() + "...");
    for (List<String> argv : commands.push()) {
      ProcessResult result = runner.run(LocalCommand.of(argv), debugLines());
      if (!result.succeeded()) {
        throw new BuildException("docker push of " + argv.get(argv.size() - 1) + " failed (exit "
            + result.exitCode() + "): " + console.redacted(result.tail(5)));
      }
    }
  }

  private void runBuild(LocalCommand build, BuildCommands commands) {
    console.debug("Running " + build.display() + " in " + build.directory().orElse(projectDirectory));
    ProcessResult result = runner.run(build, debugLines());
    if (!result.succeeded()) {
      throw new BuildException("docker build of " + commands.image() + " failed (exit " + result.exitCode()
          + "):\n" + console.redacted(result.tail(15)));
    }
  }

  /**
   * The plain {@code docker build} makes images for the local daemon's architecture only; with several
   * {@code builder.arch} values, build the local one and say so. (An architecture the local daemon cannot build
   * at all is refused before anything runs, by {@link BuildSupport}.)
   */
  private void noteArchitecture(BuildPlan plan) {
    if (plan.arches().size() < 2) {
      return;
    }
    ProcessResult info = runner.run(LocalCommand.of(DockerCommands.localArchitecture()), OutputListener.NONE);
    if (!info.succeeded()) {
      throw new BuildException("`docker info` failed locally (is the Docker daemon running?): " + info.tail(3));
    }
    String local = DockerCommands.dockerArch(info.stdout());
    console.info("Building for " + local + " only (builder/arch also lists "
        + String.join(", ", plan.arches().stream().filter(arch -> !arch.equals(local)).toList())
        + ": multi-platform builds are not supported yet)");
  }

  /** A fresh clone of the repository at HEAD; uncommitted changes are not part of it, and we say so. */
  private Path cloneHead() {
    Path root = gitRoot();
    String head = git(BuildCommands.gitHead(root), "git rev-parse HEAD").strip();
    String status = git(BuildCommands.gitStatus(root), "git status").strip();
    if (!status.isEmpty()) {
      console.info("Building from a local git clone, so ignoring these uncommitted changes:\n" + status);
    }
    Path clone;
    try {
      clone = Files.createTempDirectory("sextant-build-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      git(BuildCommands.gitClone(root, clone), "git clone of " + root);
      git(BuildCommands.gitResetHard(clone, head), "git reset of the build clone");
    } catch (RuntimeException e) {
      deleteTree(clone);
      throw e;
    }
    return clone;
  }

  private Path gitRoot() {
    ProcessResult result = runner.run(LocalCommand.of(BuildCommands.gitRoot()).in(projectDirectory),
        OutputListener.NONE);
    if (!result.succeeded()) {
      throw new BuildException(projectDirectory + " is not in a git repository: Sextant builds from a clone of"
          + " the git HEAD; commit your app to git, or set builder/context (e.g. \".\") to build the directory");
    }
    return realPath(Path.of(result.stdout().strip()));
  }

  // git reports the real path of its root; compare like with like when the project is reached via a symlink.
  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  private String git(List<String> argv, String what) {
    ProcessResult result = runner.run(LocalCommand.of(argv).in(projectDirectory), OutputListener.NONE);
    if (!result.succeeded()) {
      throw new BuildException(what + " failed (exit " + result.exitCode() + "): " + result.tail(3));
    }
    return result.stdout();
  }

  private OutputListener debugLines() {
    return (stderr, line) -> console.debug("  " + line);
  }

  private static String describe(RegistryCommands registry) {
    return registry.server() == null || registry.server().isEmpty() ? "Docker Hub" : registry.server();
  }

  private static void deleteTree(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary clone is harmless; the build result is what matters.
    }
  }
}

package io.sextant.build;

import io.sextant.commands.CloneCommands;
import io.sextant.commands.GitCommands;
import io.sextant.commands.BuilderCommands;
import io.sextant.commands.RegistryCommands;
import io.sextant.console.Console;
import io.sextant.process.LocalCommand;
import io.sextant.process.OutputListener;
import io.sextant.process.ProcessResult;
import io.sextant.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Builds the app image with {@code docker buildx} (or {@code pack}) as Kamal's {@code build push} does
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build.rb#L13-L68): checks Docker and buildx, logs
 * in to the registry (password on stdin; not for remote builders, whose BuildKit pushes), runs the
 * {@code pre-build} hook, then, in Kamal's clone of the git HEAD (or from {@code builder.context}), makes sure the
 * configured builder exists (creating it when missing) and builds and pushes in one {@code docker buildx build}.
 * Kamal's command lines run as {@code sh -c}, as SSHKit runs them; buildx's own errors are reported as they are.
 */
public final class ImageBuilder {
  private static final Pattern MISSING_BUILDER = Pattern.compile(BuilderCommands.MISSING_BUILDER);
  private static final Pattern NOTHING_TO_REMOVE = Pattern.compile(BuilderCommands.NOTHING_TO_REMOVE);

  private final ProcessRunner runner;
  private final Console console;
  private final Path projectDirectory;
  private final Map<String, String> environment;
  private final Runnable beforeCreate;

  /**
   * @param projectDirectory where {@code config/deploy.yml} lives (the build runs from its counterpart in the
   *     clone, or from here when a context is given)
   */
  public ImageBuilder(ProcessRunner runner, Console console, Path projectDirectory) {
    this(runner, console, projectDirectory, io.sextant.invocation.Invocation.current().environment());
  }

  /** @param environment where {@code TMPDIR} (the place of the build clones, {@link TemporaryDirectory}) is read */
  public ImageBuilder(ProcessRunner runner, Console console, Path projectDirectory, Map<String, String> environment) {
    this(runner, console, projectDirectory, environment, () -> { });
  }

  /**
   * @param beforeCreate runs before a build creates a missing builder (Kamal's {@code build create} first checks
   *     that a remote builder's host answers)
   */
  public ImageBuilder(ProcessRunner runner, Console console, Path projectDirectory, Map<String, String> environment,
      Runnable beforeCreate) {
    this.runner = runner;
    this.console = console;
    this.projectDirectory = realPath(projectDirectory);
    this.environment = Map.copyOf(environment);
    this.beforeCreate = beforeCreate;
  }

  /**
   * The whole {@code build push}: docker and buildx check, registry login, {@code preBuild} (the pre-build hook),
   * build and export. Nothing is built when {@code preBuild} throws.
   */
  public void buildAndPush(BuildPlan plan, BuildFlags flags, Runnable preBuild) {
    buildAndPush(plan, flags, preBuild, Runnable::run);
  }

  /**
   * As {@link #buildAndPush(BuildPlan, BuildFlags, Runnable)}, the builder check and the build running inside
   * {@code aroundBuild} (e.g. a port forward to a remote builder: Kamal's {@code build push} opens it there).
   */
  public void buildAndPush(BuildPlan plan, BuildFlags flags, Runnable preBuild, Consumer<Runnable> aroundBuild) {
    checkLocalDocker();
    if (plan.registry() != null && plan.builder().loginToRegistryLocally()) {
      login(plan.registry(), plan.registryPassword());
    }
    preBuild.run();
    build(plan, flags, aroundBuild);
  }

  /** Fails clearly when the local {@code docker} CLI or its buildx plug-in is missing (Kamal's wording first). */
  public void checkLocalDocker() {
    ProcessResult result = runLine(BuilderCommands.ensureDockerInstalled(), Map.of(), projectDirectory);
    if (result.succeeded()) {
      return;
    }
    String output = result.stdout() + result.stderr();
    if (result.exitCode() == 127 || output.contains("not found") && !output.contains("buildx")) {
      throw new BuildException("Docker is not installed locally: install the docker CLI to build the image");
    }
    throw new BuildException(BuildSupport.BUILDX_MISSING + " (" + firstLine(output) + ")");
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

  /**
   * Builds and exports the image (the registry push); without {@code builder.context}, from Kamal's clone of the
   * git HEAD (kept between builds, {@link GitClone}), saying which uncommitted changes it leaves out.
   */
  public void build(BuildPlan plan, BuildFlags flags) {
    build(plan, flags, Runnable::run);
  }

  private void build(BuildPlan plan, BuildFlags flags, Consumer<Runnable> aroundBuild) {
    BuilderCommands builder = plan.builder();
    console.info("Building " + builder.absoluteImage() + " with the " + builder.name() + " builder...");
    List<String> push = builder.push(flags.output(), false, flags.noCache());
    checkDockerfile(plan);
    String changes = uncommittedChanges();
    Path directory = projectDirectory;
    if (plan.fromGitClone()) {
      if (!changes.isEmpty()) {
        console.info("Building from a local git clone, so ignoring these uncommitted changes:\n " + changes);
      }
      directory = prepareClone(plan);
    } else if (!changes.isEmpty()) {
      console.info("Building with uncommitted changes:\n " + changes);
    }
    Path buildDirectory = directory;
    aroundBuild.accept(() -> {
      ensureBuilder(builder);
      runBuild(push, plan, buildDirectory);
    });
  }

  /**
   * {@code build dev}: the working directory as it is, tagged {@code -dirty}, exported to {@code flags.output()},
   * after warning about the uncommitted and untracked files the build context includes.
   */
  public void buildDev(BuildPlan plan, BuildFlags flags) {
    checkLocalDocker();
    checkDockerfile(plan);
    new DevBuildWarnings(runner, console, projectDirectory).print();
    console.info("Building " + plan.builder().absoluteImage() + "-dirty from the working directory...");
    runBuild(plan.builder().push(flags.output(), true, flags.noCache()), plan, projectDirectory);
  }

  /**
   * Kamal's builder check before a build: when the builder is missing (or, remote, points elsewhere) it is removed
   * and created again; any other failure of the check stops the build.
   */
  public void ensureBuilder(BuilderCommands builder) {
    List<String> inspect = builder.inspectBuilder();
    if (inspect.isEmpty()) {
      return;
    }
    ProcessResult check = runLine(inspect, Map.of(), projectDirectory);
    if (check.succeeded()) {
      return;
    }
    String checkOutput = check.stdout() + check.stderr();
    if (!MISSING_BUILDER.matcher(checkOutput).find()) {
      throw new BuildException("Checking the " + builder.name() + " builder failed (`" + BuilderCommands.line(inspect)
          + "`): " + console.redacted(check.tail(5)));
    }
    console.error("Missing compatible builder, so creating a new one first");
    List<String> remove = builder.remove();
    if (!remove.isEmpty()) {
      ProcessResult removed = runLine(remove, Map.of(), projectDirectory);
      if (!removed.succeeded() && !NOTHING_TO_REMOVE.matcher(checkOutput).find()) {
        throw new BuildException("Removing the " + builder.name() + " builder failed: "
            + console.redacted(removed.tail(5)));
      }
    }
    beforeCreate.run();
    create(builder);
  }

  /** {@code build create}: a failure is reported (Kamal's wording), not raised; false when it failed. */
  public boolean create(BuilderCommands builder) {
    List<String> create = builder.create();
    if (create.isEmpty()) {
      console.debug("The " + builder.name() + " builder needs no set-up (driver " + builder.driver() + ")");
      return true;
    }
    ProcessResult result = runLine(create, Map.of(), projectDirectory);
    if (!result.succeeded()) {
      console.error("Couldn't create remote builder: " + console.redacted(result.tail(3)));
      return false;
    }
    return true;
  }

  /** {@code build remove}: removes the builder (and a remote builder's context). */
  public void remove(BuilderCommands builder) {
    List<String> remove = builder.remove();
    if (remove.isEmpty()) {
      console.info("Nothing to remove: the " + builder.name() + " builder needs no set-up");
      return;
    }
    ProcessResult result = runLine(remove, Map.of(), projectDirectory);
    if (!result.succeeded()) {
      throw new BuildException("`" + BuilderCommands.line(remove) + "` failed (exit " + result.exitCode() + "): "
          + console.redacted(result.tail(5)));
    }
  }

  /** {@code build details}: what {@link BuilderCommands#info()} prints. */
  public String details(BuilderCommands builder) {
    ProcessResult result = runLine(builder.info(), Map.of(), projectDirectory);
    if (!result.succeeded()) {
      throw new BuildException("`" + BuilderCommands.line(builder.info()) + "` failed (exit " + result.exitCode()
          + "): " + console.redacted(result.tail(5)));
    }
    return result.stdout();
  }

  private void checkDockerfile(BuildPlan plan) {
    if (plan.builder().kind() == BuilderCommands.Kind.PACK) {
      return;
    }
    String dockerfile = plan.builder().builder().dockerfile();
    if (!Files.exists(projectDirectory.resolve(dockerfile))) {
      throw new BuildException("Missing " + dockerfile + " (builder/dockerfile, looked for in " + projectDirectory
          + ")");
    }
  }

  private void runBuild(List<String> push, BuildPlan plan, Path directory) {
    Map<String, String> env = new LinkedHashMap<>(plan.buildSecrets());
    env.putAll(plan.builder().pushEnv());
    ProcessResult result = runLine(push, env, directory);
    if (!result.succeeded()) {
      throw new BuildException(push.get(0) + " build of " + plan.builder().absoluteImage() + " failed (exit "
          + result.exitCode() + "):\n" + console.redacted(result.tail(15)));
    }
  }

  /** Runs one of Kamal's command lines through {@code sh -c}, its lines shown with {@code --verbose}. */
  private ProcessResult runLine(List<String> words, Map<String, String> env, Path directory) {
    LocalCommand command = shell(words).withEnv(env).in(directory);
    console.debug("Running " + BuilderCommands.line(words) + " in " + directory);
    return runner.run(command, debugLines());
  }

  private static LocalCommand shell(List<String> words) {
    return LocalCommand.of("sh", "-c", BuilderCommands.line(words));
  }

  private static String firstLine(String text) {
    return text.strip().lines().findFirst().orElse("");
  }

  /** Kamal's {@code git status --porcelain}, stripped; empty outside git. */
  private String uncommittedChanges() {
    ProcessResult result = runner.run(LocalCommand.of(GitCommands.uncommittedChanges()).in(projectDirectory),
        OutputListener.NONE);
    return result.succeeded() ? result.stdout().strip() : "";
  }

  /** Prepares the clone of HEAD and returns where in it the build runs. */
  private Path prepareClone(BuildPlan plan) {
    Path root = gitRoot();
    String revision = git(GitCommands.revision(), "git rev-parse HEAD").strip();
    CloneCommands clone = new CloneCommands(plan.commands().service(), projectDirectory, root,
        TemporaryDirectory.of(environment));
    new GitClone(runner, console, projectDirectory, clone, revision).prepare();
    return Path.of(clone.buildDirectory());
  }

  private Path gitRoot() {
    ProcessResult result = runner.run(LocalCommand.of(GitCommands.root()).in(projectDirectory),
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
}

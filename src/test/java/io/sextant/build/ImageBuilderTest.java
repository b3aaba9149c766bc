package io.sextant.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.commands.BuildCommands;
import io.sextant.commands.BuilderCommands;
import io.sextant.commands.CloneCommands;
import io.sextant.config.BuilderConfig;
import io.sextant.commands.RegistryCommands;
import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.process.LocalCommand;
import io.sextant.process.OutputListener;
import io.sextant.process.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives ImageBuilder against a stand-in {@code docker} script (real git, real {@code sh -c}) that records what it
 * was asked; the command lines themselves are pinned by BuilderCommandsTest.
 */
class ImageBuilderTest {
  private static final String PASSWORD = "s3cr3t-registry-pw";

  @TempDir Path tmp;
  private Path bin;
  private Path record;
  private Path project;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ImageBuilder builder;

  @BeforeEach
  void setUp() throws IOException {
    bin = Files.createDirectories(tmp.resolve("bin"));
    record = Files.createDirectories(tmp.resolve("record"));
    project = Files.createDirectories(tmp.resolve("project"));
    writeDocker("exit 1");
    Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8), Verbosity.VERBOSE);
    console.redact(List.of(PASSWORD));
    builder = new ImageBuilder(runner(), console, project, Map.of("TMPDIR", tmpdir().toString()));
  }

  /** The test's {@code $TMPDIR}, where the kept build clones go. */
  private Path tmpdir() throws IOException {
    return Files.createDirectories(tmp.resolve("tmpdir"));
  }

  /** Kamal's build directory for {@code project} at the root of its repository. */
  private Path kamalBuildDirectory() throws IOException {
    return Path.of(new CloneCommands("app", project.toRealPath(), project.toRealPath(), tmpdir().toRealPath())
        .buildDirectory());
  }

  private ProcessRunner runner() {
    return new ProcessRunner(List.of(bin), Map.of("PATH", bin + ":" + System.getenv("PATH")));
  }

  /** A fake docker: logs argv, keeps login stdin; {@code buildx} knows builders by marker files. */
  private void writeDocker(String versionBehaviour) throws IOException {
    Path docker = bin.resolve("docker");
    Files.writeString(docker, "#!/bin/sh\n"
        + "R=" + record + "\n"
        + "echo \"$*\" >> $R/calls\n"
        + "case \"$1 $2\" in\n"
        + "  '--version ') echo 'Docker version 28.2.2' ;;\n"
        + "  'login '*) cat > $R/login-stdin ;;\n"
        + "  'buildx version') " + versionBehaviour + " ;;\n"
        + "  'buildx inspect') [ -f $R/builder-$3 ] || { echo \"ERROR: no builder \\\"$3\\\" found\" >&2; exit 1; } ;;\n"
        + "  'buildx rm') rm $R/builder-$3 2>/dev/null || { echo \"ERROR: no builder \\\"$3\\\" found\" >&2; exit 1; } ;;\n"
        + "  'buildx create') touch $R/builder-$4 ;;\n"
        + "  'buildx build') case \"$3\" in --output=type=local,dest=*)\n"
        + "         D=${3#--output=type=local,dest=}; while read f; do mkdir -p \"$D/$(dirname $f)\"; cp $f \"$D/$f\";"
        + "         done < $R/context-files; exit 0 ;; esac\n"
        + "         pwd > $R/build-cwd; cat app.txt > $R/build-app.txt; ls -a > $R/build-files;\n"
        + "         echo \"TOKEN=$TOKEN\" > $R/build-env;\n"
        + "         if [ -f $R/fail ]; then echo '#7 ERROR: failed to solve: process \"make\" did not complete'; exit 1; fi ;;\n"
        + "esac\n");
    Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private void git(String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com"));
    argv.addAll(List.of(args));
    assertThat(new ProcessRunner().run(LocalCommand.of(argv).in(project), OutputListener.NONE).exitCode())
        .isZero();
  }

  private void commitApp() throws IOException {
    Files.writeString(project.resolve("Dockerfile"), "FROM scratch\n");
    Files.writeString(project.resolve("app.txt"), "committed\n");
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "app");
  }

  private static BuildPlan plan(String driver, List<String> secrets, Map<String, String> secretValues,
      boolean fromGitClone, RegistryCommands registry) {
    BuilderConfig config = new BuilderConfig(List.of("amd64"), fromGitClone ? null : ".", "Dockerfile", null,
        Map.of("A", "1"), secrets, null, true, Map.of(), driver == null ? Map.of() : Map.of("driver", driver));
    BuildCommands commands = new BuildCommands("app", null, "reg:5000/app", "v1", Map.of("A", "1"), secrets, null,
        null, null);
    BuilderCommands builder = new BuilderCommands(config, "app", "app", "reg:5000", false, "reg:5000/app", "v1", null,
        "amd64", secretValues);
    return new BuildPlan(commands, builder, registry, registry == null ? null : PASSWORD, secretValues, fromGitClone);
  }

  private static BuildPlan plan(boolean fromGitClone) {
    return plan("docker", List.of(), Map.of(), fromGitClone, null);
  }

  private List<String> calls() throws IOException {
    return Files.readAllLines(record.resolve("calls"));
  }

  @Test
  void buildsACleanCloneOfHeadWithBuildxAndPushesInOneStep() throws IOException {
    writeDocker("echo buildx 0.13");
    commitApp();
    Files.writeString(project.resolve("app.txt"), "uncommitted\n");
    Files.writeString(project.resolve("untracked.txt"), "x");
    BuildPlan plan = plan("docker", List.of(), Map.of(), true, new RegistryCommands("reg:5000", "deployer"));

    builder.buildAndPush(plan, BuildFlags.DEFAULT, () -> appendCall("pre-build hook"));

    assertThat(calls()).containsExactly(
        "--version",
        "buildx version",
        "login reg:5000 -u deployer --password-stdin",
        "pre-build hook",
        "buildx build --output=type=registry --platform linux/amd64 -t reg:5000/app:v1 -t reg:5000/app:latest"
            + " --label service=app --build-arg A=1 --file Dockerfile .");
    assertThat(Files.readString(record.resolve("login-stdin"))).isEqualTo(PASSWORD);
    assertThat(Files.readString(record.resolve("build-app.txt"))).isEqualTo("committed\n");
    assertThat(Files.readString(record.resolve("build-files"))).doesNotContain("untracked.txt");
    // Kept where Kamal keeps it, so the next build (Kamal's or Sextant's) only fetches.
    Path cloneDir = Path.of(Files.readString(record.resolve("build-cwd")).strip());
    assertThat(cloneDir).isEqualTo(kamalBuildDirectory());
    assertThat(cloneDir.resolve("app.txt")).hasContent("committed");
    // K:lib/kamal/cli/build.rb:30 and lib/kamal/cli/build/clone.rb:31
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Building from a local git clone, so ignoring these uncommitted changes:\n M app.txt\n"
            + "?? untracked.txt\n")
        .contains("Cloning repo into build directory `" + kamalBuildDirectory() + "/`...")
        .doesNotContain("Resetting local clone")
        .doesNotContain(PASSWORD);
  }

  @Test
  void aMissingBuilderIsCreatedBeforeTheBuildAndReusedAfterwards() throws IOException {
    writeDocker("echo buildx 0.13");
    commitApp();
    BuildPlan plan = plan(null, List.of(), Map.of(), false, null);

    builder.build(plan, new BuildFlags("registry", true));
    builder.build(plan, BuildFlags.DEFAULT);

    assertThat(calls()).containsExactly(
        "buildx inspect kamal-local-docker-container",
        "buildx rm kamal-local-docker-container",
        "buildx create --name kamal-local-docker-container --driver=docker-container",
        "buildx build --output=type=registry --platform linux/amd64 --builder kamal-local-docker-container"
            + " -t reg:5000/app:v1 -t reg:5000/app:latest --label service=app --build-arg A=1 --file Dockerfile"
            + " --no-cache .",
        "buildx inspect kamal-local-docker-container",
        "buildx build --output=type=registry --platform linux/amd64 --builder kamal-local-docker-container"
            + " -t reg:5000/app:v1 -t reg:5000/app:latest --label service=app --build-arg A=1 --file Dockerfile .");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Missing compatible builder, so creating a new one first");
  }

  @Test
  void buildsFromTheProjectSubdirectoryOfTheClone() throws IOException {
    writeDocker("echo buildx 0.13");
    Path sub = Files.createDirectories(project.resolve("services/web"));
    Files.writeString(sub.resolve("Dockerfile"), "FROM scratch\n");
    Files.writeString(sub.resolve("app.txt"), "web\n");
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "app");
    ImageBuilder inSub = new ImageBuilder(runner(),
        new Console(new PrintStream(out), new PrintStream(out), Verbosity.NORMAL), sub,
        Map.of("TMPDIR", tmpdir().toString()));

    inSub.build(plan(true), BuildFlags.DEFAULT);

    assertThat(Files.readString(record.resolve("build-cwd")).strip()).endsWith("/services/web");
    assertThat(Files.readString(record.resolve("build-app.txt"))).isEqualTo("web\n");
  }

  @Test
  void theForwardOfARemoteBuilderWrapsTheBuilderCheckAndTheBuildAndAMissingBuilderIsCheckedBeforeCreating() throws IOException {
    // K:lib/kamal/cli/build.rb:24-67: pre-build and the clone come first; the builder check and the build run
    // inside forward_local_registry_port_for_remote_builder, whose ensure closes it when the build fails too.
    writeDocker("echo buildx 0.13");
    commitApp();
    Files.writeString(record.resolve("fail"), "");
    BuildPlan plan = plan(null, List.of(), Map.of(), true, null);

    // K:lib/kamal/cli/build.rb:47-53, 87-91: a missing builder is removed, then `build create` checks the host
    ImageBuilder checking = new ImageBuilder(runner(), new Console(new PrintStream(out), new PrintStream(out),
        Verbosity.NORMAL), project, Map.of("TMPDIR", tmpdir().toString()), () -> appendCall("remote builder check"));
    assertThatThrownBy(() -> checking.buildAndPush(plan, BuildFlags.DEFAULT, () -> appendCall("pre-build hook"),
        build -> {
          appendCall("forward opened");
          try {
            build.run();
          } finally {
            appendCall("forward closed");
          }
        })).isInstanceOf(BuildException.class);

    assertThat(calls()).containsExactly("--version", "buildx version", "pre-build hook", "forward opened",
        "buildx inspect kamal-local-docker-container",
        "buildx rm kamal-local-docker-container",
        "remote builder check",
        "buildx create --name kamal-local-docker-container --driver=docker-container",
        "buildx build --output=type=registry --platform linux/amd64 --builder kamal-local-docker-container"
            + " -t reg:5000/app:v1 -t reg:5000/app:latest --label service=app --build-arg A=1 --file Dockerfile .",
        "forward closed");
    assertThat(Path.of(Files.readString(record.resolve("build-cwd")).strip())).as("built in the clone")
        .isNotEqualTo(project.toRealPath());
  }

  @Test
  void aFailingPreBuildHookMeansNoBuild() throws IOException {
    writeDocker("echo buildx 0.13");
    commitApp();

    assertThatThrownBy(() -> builder.buildAndPush(plan(true), BuildFlags.DEFAULT, () -> {
      throw new IllegalStateException("Hook `pre-build` failed");
    })).hasMessage("Hook `pre-build` failed");

    assertThat(calls()).containsExactly("--version", "buildx version");
  }

  @Test
  void aFailedBuildReportsBuildxsOwnLastLines() throws IOException {
    writeDocker("echo buildx 0.13");
    commitApp();
    Files.writeString(record.resolve("fail"), "");

    assertThatThrownBy(() -> builder.build(plan(true), BuildFlags.DEFAULT))
        .isInstanceOf(BuildException.class)
        .hasMessage("docker build of reg:5000/app:v1 failed (exit 1):\n"
            + "#7 ERROR: failed to solve: process \"make\" did not complete");
  }

  @Test
  void aMissingDockerfileIsNamedBeforeAnythingRuns() throws IOException {
    writeDocker("echo buildx 0.13");
    assertThatThrownBy(() -> builder.build(plan(false), BuildFlags.DEFAULT))
        .isInstanceOf(BuildException.class)
        .hasMessageStartingWith("Missing Dockerfile (builder/dockerfile");
    assertThat(record.resolve("calls")).doesNotExist();
  }

  @Test
  void buildSecretsGoToTheBuildEnvironmentNeverToItsArguments() throws IOException {
    writeDocker("echo buildx 0.13");
    Files.writeString(project.resolve("Dockerfile"), "FROM scratch\n");
    Files.writeString(project.resolve("app.txt"), "dir\n");
    BuildPlan plan = plan("docker", List.of("TOKEN"), Map.of("TOKEN", "tok-value"), false, null);

    builder.build(plan, BuildFlags.DEFAULT);

    assertThat(calls()).last().asString()
        .contains("--secret id=TOKEN")
        .doesNotContain("tok-value");
    assertThat(Files.readString(record.resolve("build-env"))).isEqualTo("TOKEN=tok-value\n");
    assertThat(Files.readString(record.resolve("build-cwd")).strip()).isEqualTo(project.toRealPath().toString());
  }

  @Test
  void outsideGitWithoutAContextSaysWhatToDo() throws IOException {
    Files.writeString(project.resolve("Dockerfile"), "FROM scratch\n");
    assertThatThrownBy(() -> builder.build(plan(true), BuildFlags.DEFAULT))
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("is not in a git repository")
        .hasMessageContaining("set builder/context");
  }

  @Test
  void withoutBuildxTheErrorNamesTheInstallStep() throws IOException {
    writeDocker("echo \"docker: 'buildx' is not a docker command.\" >&2; exit 1");
    assertThatThrownBy(builder::checkLocalDocker)
        .isInstanceOf(BuildException.class)
        .hasMessageStartingWith("Docker buildx plugin is not installed locally")
        .hasMessageContaining("docker-buildx");
  }

  @Test
  void aSecondBuildResetsTheKeptCloneToTheNewCommit() throws IOException {
    writeDocker("echo buildx 0.13");
    commitApp();
    builder.build(plan(true), BuildFlags.DEFAULT);
    Files.writeString(project.resolve("app.txt"), "second\n");
    git("commit", "-q", "-am", "second");
    out.reset();

    builder.build(plan(true), BuildFlags.DEFAULT);

    assertThat(Files.readString(record.resolve("build-app.txt"))).isEqualTo("second\n");
    assertThat(Path.of(Files.readString(record.resolve("build-cwd")).strip())).isEqualTo(kamalBuildDirectory());
    // K:test/cli/build_test.rb:98-131: the clone fails as "already exists", so the clone is reset.
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Resetting local clone as `" + kamalBuildDirectory() + "/` already exists...")
        .contains("git -C " + kamalBuildDirectory() + "/ fetch origin")
        .doesNotContain("Error preparing clone");
  }

  @Test
  void aCorruptedCloneIsDeletedAndClonedAgain() throws IOException {
    writeDocker("echo buildx 0.13");
    commitApp();
    builder.build(plan(true), BuildFlags.DEFAULT);
    deleteTree(kamalBuildDirectory().resolve(".git"));
    out.reset();

    builder.build(plan(true), BuildFlags.DEFAULT);

    // K:test/cli/build_test.rb:156-189
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Resetting local clone as `" + kamalBuildDirectory() + "/` already exists...")
        .contains("Error preparing clone: Failed to clone repo: fatal: not a git repository")
        .contains(", deleting and retrying...");
    assertThat(kamalBuildDirectory().resolve(".git")).isDirectory();
    assertThat(Files.readString(record.resolve("build-app.txt"))).isEqualTo("committed\n");
  }

  @Test
  void aContextBuildSaysWhichUncommittedChangesItIncludes() throws IOException {
    writeDocker("echo buildx 0.13");
    commitApp();
    Files.writeString(project.resolve("app.txt"), "uncommitted\n");

    builder.build(plan(false), BuildFlags.DEFAULT);

    // K:lib/kamal/cli/build.rb:36-37
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Building with uncommitted changes:\n M app.txt\n")
        .doesNotContain("Cloning repo");
    assertThat(Files.readString(record.resolve("build-app.txt"))).isEqualTo("uncommitted\n");
    assertThat(tmpdir().resolve("kamal-clones")).doesNotExist();
  }

  @Test
  void devWarnsAboutUncommittedAndUntrackedFilesOnlyWhenTheContextHasThem() throws IOException {
    writeDocker("echo buildx 0.13");
    commitApp();
    Files.writeString(project.resolve("app.txt"), "uncommitted\n");
    Files.writeString(project.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    Files.writeString(project.resolve("new.txt"), "untracked\n");
    Files.writeString(project.resolve("ignored.txt"), "untracked, not sent\n");
    // What the stand-in docker sends: everything but ignored.txt (as a .dockerignore would have it).
    Files.writeString(record.resolve("context-files"), "Dockerfile\napp.txt\nnew.txt\n");

    builder.buildDev(plan(false), new BuildFlags("docker", false));

    // K:lib/kamal/cli/build.rb:136-148
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(
        "WARNING: Files with uncommitted changes will be present in the dev container:\n  Dockerfile\n  app.txt\n\n"
            + "WARNING: Untracked files will be present in the dev container:\n  new.txt\n\n")
        .doesNotContain("ignored.txt");
    assertThat(calls()).last().asString().startsWith("buildx build --output=type=docker");
  }

  @Test
  void devSaysNothingWhenTheContextHoldsOnlyCommittedFiles() throws IOException {
    writeDocker("echo buildx 0.13");
    commitApp();
    Files.writeString(project.resolve("ignored.txt"), "untracked, not sent\n");
    Files.writeString(record.resolve("context-files"), "Dockerfile\napp.txt\n");

    builder.buildDev(plan(false), new BuildFlags("docker", false));

    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("WARNING");
  }

  @Test
  void devAsksDockerNothingWhenGitHasNoUncommittedOrUntrackedFile() throws IOException {
    writeDocker("echo buildx 0.13");
    commitApp();

    builder.buildDev(plan(false), new BuildFlags("docker", false));

    assertThat(calls()).noneMatch(call -> call.contains("--output=type=local"));
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("WARNING");
  }

  private static void deleteTree(Path directory) throws IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private void appendCall(String text) {
    try {
      Files.writeString(record.resolve("calls"), text + "\n", java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

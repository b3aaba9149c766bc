package io.sextant.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.commands.BuildCommands;
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

/** Drives ImageBuilder against a stand-in {@code docker} script (real git) that records what it was asked. */
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
    builder = new ImageBuilder(new ProcessRunner(List.of(bin)), console, project);
  }

  /** A fake docker: logs argv, keeps login stdin, snapshots the build directory; {@code buildx} per argument. */
  private void writeDocker(String buildxBehaviour) throws IOException {
    Path docker = bin.resolve("docker");
    Files.writeString(docker, "#!/bin/sh\n"
        + "R=" + record + "\n"
        + "echo \"$*\" >> $R/calls\n"
        + "case \"$1\" in\n"
        + "  --version) echo 'Docker version 28.2.2' ;;\n"
        + "  login) cat > $R/login-stdin ;;\n"
        + "  buildx) " + buildxBehaviour + " ;;\n"
        + "  info) cat $R/arch ;;\n"
        + "  build) pwd > $R/build-cwd; cat app.txt > $R/build-app.txt; ls -a > $R/build-files;\n"
        + "         echo \"TOKEN=$TOKEN BUILDKIT=$DOCKER_BUILDKIT\" > $R/build-env;\n"
        + "         if [ -f " + record + "/fail ]; then echo 'Step 3/4 : RUN make'; echo 'make: *** failed' >&2; exit 2; fi ;;\n"
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

  private static BuildCommands commands(List<String> secrets) {
    return new BuildCommands("app", null, "reg:5000/app", "v1", Map.of("A", "1"), secrets, null, null, null);
  }

  private List<String> calls() throws IOException {
    return Files.readAllLines(record.resolve("calls"));
  }

  @Test
  void buildsACleanCloneOfHeadThenPushesBothTags() throws IOException {
    commitApp();
    Files.writeString(project.resolve("app.txt"), "uncommitted\n");
    Files.writeString(project.resolve("untracked.txt"), "x");
    BuildPlan plan = new BuildPlan(commands(List.of()), new RegistryCommands("reg:5000", "deployer"), PASSWORD,
        Map.of(), true, List.of());

    builder.buildAndPush(plan, () -> appendCall("pre-build hook"));

    assertThat(calls()).containsExactly(
        "--version",
        "login reg:5000 -u deployer --password-stdin",
        "pre-build hook",
        "build -t reg:5000/app:v1 -t reg:5000/app:latest --label service=app --build-arg A=1 --file Dockerfile .",
        "push reg:5000/app:v1",
        "push reg:5000/app:latest");
    assertThat(Files.readString(record.resolve("login-stdin"))).isEqualTo(PASSWORD);
    assertThat(Files.readString(record.resolve("build-app.txt"))).isEqualTo("committed\n");
    assertThat(Files.readString(record.resolve("build-files"))).doesNotContain("untracked.txt");
    Path cloneDir = Path.of(Files.readString(record.resolve("build-cwd")).strip());
    assertThat(cloneDir).isNotEqualTo(project.toRealPath());
    assertThat(cloneDir).doesNotExist();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("ignoring these uncommitted changes", "M app.txt", "?? untracked.txt")
        .doesNotContain(PASSWORD);
  }

  @Test
  void buildsFromTheProjectSubdirectoryOfTheClone() throws IOException {
    Path sub = Files.createDirectories(project.resolve("services/web"));
    Files.writeString(sub.resolve("Dockerfile"), "FROM scratch\n");
    Files.writeString(sub.resolve("app.txt"), "web\n");
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "app");
    ImageBuilder inSub = new ImageBuilder(new ProcessRunner(List.of(bin)),
        new Console(new PrintStream(out), new PrintStream(out), Verbosity.NORMAL), sub);

    inSub.build(new BuildPlan(commands(List.of()), null, null, Map.of(), true, List.of()));

    assertThat(Files.readString(record.resolve("build-cwd")).strip()).endsWith("/services/web");
    assertThat(Files.readString(record.resolve("build-app.txt"))).isEqualTo("web\n");
  }

  @Test
  void aFailingPreBuildHookMeansNoBuild() throws IOException {
    commitApp();
    BuildPlan plan = new BuildPlan(commands(List.of()), null, null, Map.of(), true, List.of());

    assertThatThrownBy(() -> builder.buildAndPush(plan, () -> {
      throw new IllegalStateException("Hook `pre-build` failed");
    })).hasMessage("Hook `pre-build` failed");

    assertThat(calls()).containsExactly("--version");
  }

  @Test
  void aFailedBuildReportsTheLastLines() throws IOException {
    commitApp();
    Files.writeString(record.resolve("fail"), "");
    BuildPlan plan = new BuildPlan(commands(List.of()), null, null, Map.of(), true, List.of());

    assertThatThrownBy(() -> builder.build(plan))
        .isInstanceOf(BuildException.class)
        .hasMessage("docker build of reg:5000/app:v1 failed (exit 2):\nStep 3/4 : RUN make\nmake: *** failed");
  }

  @Test
  void buildSecretsGoToTheBuildEnvironmentNeverToItsArguments() throws IOException {
    writeDocker("exit 0");
    Files.writeString(project.resolve("app.txt"), "dir\n");
    BuildPlan plan = new BuildPlan(commands(List.of("TOKEN")), null, null, Map.of("TOKEN", "tok-value"), false, List.of());

    builder.build(plan);

    assertThat(calls()).last().asString()
        .contains("--secret id=TOKEN")
        .doesNotContain("tok-value");
    assertThat(Files.readString(record.resolve("build-env"))).isEqualTo("TOKEN=tok-value BUILDKIT=1\n");
    assertThat(Files.readString(record.resolve("build-cwd")).strip()).isEqualTo(project.toRealPath().toString());
  }

  @Test
  void outsideGitWithoutAContextSaysWhatToDo() {
    BuildPlan plan = new BuildPlan(commands(List.of()), null, null, Map.of(), true, List.of());
    assertThatThrownBy(() -> builder.build(plan))
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("is not in a git repository")
        .hasMessageContaining("set builder/context");
  }

  @Test
  void theLocalArchitectureIsBuiltAndOthersAreNamed() throws IOException {
    Files.writeString(record.resolve("arch"), "aarch64\n");
    Files.writeString(project.resolve("app.txt"), "dir\n");
    BuildPlan plan = new BuildPlan(commands(List.of()), null, null, Map.of(), false, List.of("amd64", "arm64"));

    builder.build(plan);

    assertThat(calls()).last().asString().startsWith("build ");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Building for arm64 only (builder/arch also lists amd64: multi-platform builds are not supported yet)");
  }

  @Test
  void aBrokenDockerCliIsReported() throws IOException {
    Files.writeString(bin.resolve("docker"), "#!/bin/sh\necho 'docker: error while loading shared libraries' >&2\nexit 127\n");
    assertThatThrownBy(builder::checkLocalDocker)
        .isInstanceOf(BuildException.class)
        .hasMessage("`docker --version` failed locally: docker: error while loading shared libraries");
  }

  private void appendCall(String text) {
    try {
      Files.writeString(record.resolve("calls"), text + "\n", java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package io.sextant.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
  private final ProcessRunner runner = new ProcessRunner();

  @Test
  void streamsStdoutAndStderrLinesAndCollectsThem() {
    List<String> seen = new CopyOnWriteArrayList<>();
    ProcessResult result = runner.run(
        LocalCommand.of("sh", "-c", "echo one; echo two >&2; echo three; exit 3"),
        (stderr, line) -> seen.add((stderr ? "err:" : "out:") + line));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEqualTo("one\nthree\n");
    assertThat(result.stderr()).isEqualTo("two\n");
    assertThat(seen).containsExactlyInAnyOrder("out:one", "err:two", "out:three");
  }

  @Test
  void feedsStdinBytesThenClosesIt() {
    ProcessResult result = runner.run(
        LocalCommand.of("sh", "-c", "read -r secret; echo \"got ${#secret} chars\"; cat")
            .withStdin("hunter2\nrest".getBytes(StandardCharsets.UTF_8)),
        OutputListener.NONE);

    assertThat(result.stdout()).isEqualTo("got 7 chars\nrest\n");
  }

  @Test
  void withoutStdinTheProcessSeesEndOfInputAndDoesNotHang() {
    ProcessResult result = runner.run(LocalCommand.of("cat"), OutputListener.NONE);
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void addsEnvironmentAndRunsInTheWorkingDirectory(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("marker"), "here");
    ProcessResult result = runner.run(
        LocalCommand.of("sh", "-c", "cat marker; echo \" $SEXTANT_TEST_VALUE\"")
            .withEnv(Map.of("SEXTANT_TEST_VALUE", "v1"))
            .in(dir),
        OutputListener.NONE);

    assertThat(result.stdout()).isEqualTo("here v1\n");
  }

  @Test
  void manyOutputLinesOnBothStreamsDoNotDeadlock() {
    ProcessResult result = runner.run(
        LocalCommand.of("sh", "-c", "i=0; while [ $i -lt 20000 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done"),
        OutputListener.NONE);
    assertThat(result.stdout().lines()).hasSize(20000);
    assertThat(result.stderr().lines()).hasSize(20000);
  }

  @Test
  void runCheckedNamesTheStepExitCodeAndLastLines() {
    assertThatThrownBy(() -> runner.runChecked(
            LocalCommand.of("sh", "-c", "echo building; echo 'no space left' >&2; exit 4"), OutputListener.NONE,
            "docker build"))
        .isInstanceOf(ProcessFailedException.class)
        .hasMessage("docker build failed with exit code 4:\nbuilding\nno space left");
  }

  @Test
  void aMissingProgramIsAClearError() {
    assertThatThrownBy(() -> runner.run(LocalCommand.of("sextant-no-such-program"), OutputListener.NONE))
        .isInstanceOf(ProcessFailedException.class)
        .hasMessageStartingWith("Cannot run `sextant-no-such-program`")
        .hasMessageEndingWith("(is it installed and on PATH?)");
  }

  @Test
  void toStringNeverShowsEnvValuesNorStdin() {
    LocalCommand command = LocalCommand.of("docker", "login", "-u", "me", "--password-stdin")
        .withEnv(Map.of("BUILD_SECRET", "s3cr3t"))
        .withStdin("hunter2".getBytes(StandardCharsets.UTF_8));
    assertThat(command.toString())
        .isEqualTo("LocalCommand[docker login -u me --password-stdin, env=[BUILD_SECRET], stdin=7 bytes]")
        .doesNotContain("s3cr3t", "hunter2");
  }
}

package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepScriptTest {
  @TempDir
  Path dir;

  @Test
  void tellsValueLinesFromOutput() {
    assertThat(StepScript.isValueLine("sextant-value current 42")).isTrue();
    assertThat(StepScript.isValueLine("sextant-value existing ")).isTrue();
    assertThat(StepScript.isValueLine("Login Succeeded")).isFalse();
    assertThat(StepScript.isValueLine("a sextant-value current 42")).isFalse();
  }

  @Test
  void rendersEveryStepWithItsOwnStderrAndTheValuesAtTheEnd() {
    String script = new StepScript("boot")
        .runWithStdin("env file", "cat > f")
        .capture("lookup", "id", "docker ps -q | head -1")
        .captureOrEmpty("version", "current", "cat v")
        .captureIf("[ -z " + StepScript.value("id") + " ]", "docker run", "started", "docker run x")
        .render();
    assertThat(script).isEqualTo("""
        sx_t=$(mktemp 2>/dev/null || mktemp .sextant-stderr.XXXXXX) || exit 1
        trap 'rm -f "$sx_t"' EXIT
        sx_values() { [ -z "${sx_id+set}" ] || printf 'sextant-value %s %s\\n' id "$sx_id"; \
        [ -z "${sx_current+set}" ] || printf 'sextant-value %s %s\\n' current "$sx_current"; \
        [ -z "${sx_started+set}" ] || printf 'sextant-value %s %s\\n' started "$sx_started"; :; }
        sx_failed() { printf 'sextant: step %s failed (exit %s)\\n' "$1" "$2" >&2; cat "$sx_t" >&2; sx_values; \
        exit "$2"; }
        sx_err() { [ ! -s "$sx_t" ] || cat "$sx_t" >&2; }
        ( cat > f
        ) 2>"$sx_t" || sx_failed 1 $?; sx_err
        sx_id=$( { docker ps -q | head -1
        } </dev/null 2>"$sx_t" ) || sx_failed 2 $?; sx_err
        sx_current=$( { cat v
        } </dev/null 2>"$sx_t" ) || sx_current=; sx_err
        if [ -z "$sx_id" ]; then
        sx_started=$( { docker run x
        } </dev/null 2>"$sx_t" ) || sx_failed 4 $?; sx_err
        fi
        sx_values
        exit 0""");
  }

  @Test
  void allStepsRunAndTheValuesComeBack() throws Exception {
    StepScript script = new StepScript("all")
        .runWithStdin("write", "cat > secret.txt && echo wrote")
        .capture("lookup", "id", "echo abc; echo warning >&2")
        .captureOrEmpty("version", "current", "echo nope >&2; exit 3")
        .captureIf("[ -n " + StepScript.value("id") + " ]", "rename", "renamed", "echo yes")
        .captureIf("[ -z " + StepScript.value("id") + " ]", "run", "started", "echo never");
    Result result = run(script, "s3cret\n");

    StepScript.Outcome outcome = script.read(result.exit, result.stdout, result.stderr);
    assertThat(outcome.ok()).isTrue();
    assertThat(outcome.values()).isEqualTo(java.util.Map.of("id", "abc", "current", "", "renamed", "yes"));
    assertThat(outcome.value("started")).isNull();
    assertThat(Files.readString(dir.resolve("secret.txt"))).isEqualTo("s3cret\n");
    assertThat(result.stdout).contains("wrote\n");
    assertThat(result.stderr).isEqualTo("warning\nnope\n");
    assertThat(dir.resolve("tmp")).isEmptyDirectory(); // the stderr file is gone
  }

  @Test
  void theFirstFailingStepStopsTheScriptAndIsNamedWithItsExitCodeAndOwnLastErrorLine() throws Exception {
    StepScript script = new StepScript("pull")
        .run("docker login", "echo 'WARNING! Your password will be stored unencrypted' >&2; echo Login Succeeded")
        .run("docker pull app:1", "echo 'pulling'; echo 'Error response from daemon: manifest unknown' >&2; exit 18")
        .run("image label check", "touch ran");
    Result result = run(script, null);

    assertThat(result.exit).isEqualTo(18);
    StepScript.Outcome outcome = script.read(result.exit, result.stdout, result.stderr);
    assertThat(outcome.failedStep()).isEqualTo("docker pull app:1");
    assertThat(outcome.exitCode()).isEqualTo(18);
    assertThat(outcome.error()).isEqualTo("Error response from daemon: manifest unknown");
    assertThat(dir.resolve("ran")).doesNotExist();
  }

  @Test
  void aFailingStepWithoutStderrIsNotBlamedOnAnEarlierStepsWarning() throws Exception {
    StepScript script = new StepScript("pull")
        .run("docker login", "echo 'WARNING! stored unencrypted' >&2")
        .run("image label check", "echo 'Image app:1 is missing the service label'; exit 1");
    Result result = run(script, null);

    StepScript.Outcome outcome = script.read(result.exit, result.stdout, result.stderr);
    assertThat(outcome.failedStep()).isEqualTo("image label check");
    assertThat(outcome.error()).isEqualTo("Image app:1 is missing the service label");
  }

  @Test
  void valuesCapturedBeforeAFailureStillComeBack() throws Exception {
    StepScript script = new StepScript("boot")
        .capture("lookup", "current", "echo v1")
        .captureIf("true", "docker run", "started", "echo 'docker: port is already allocated.' >&2; exit 125");
    Result result = run(script, null);

    StepScript.Outcome outcome = script.read(result.exit, result.stdout, result.stderr);
    assertThat(outcome.failedStep()).isEqualTo("docker run");
    assertThat(outcome.exitCode()).isEqualTo(125);
    assertThat(outcome.error()).isEqualTo("docker: port is already allocated.");
    assertThat(outcome.value("current")).isEqualTo("v1");
  }

  @Test
  void withoutAWritableTemporaryDirectoryTheStderrFileLivesInTheWorkingDirectoryAndIsRemoved() throws Exception {
    StepScript script = new StepScript("pull").run("docker pull", "echo 'manifest unknown' >&2; exit 1");
    Result result = run(script, null, dir.resolve("no-such-dir").toString());
    assertThat(script.read(result.exit, result.stdout, result.stderr).error()).isEqualTo("manifest unknown");
    try (var files = Files.list(dir)) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactly("tmp");
    }
  }

  @Test
  void aFailureOutsideTheStepsIsBlamedOnTheWholeScript() {
    StepScript script = new StepScript("pull").run("docker pull", "true");
    StepScript.Outcome outcome = script.read(137, "", "sh: mktemp: not found\n");
    assertThat(outcome.failedStep()).isEqualTo("pull");
    assertThat(outcome.exitCode()).isEqualTo(137);
    assertThat(outcome.error()).isEqualTo("sh: mktemp: not found");
  }

  @Test
  void stepsThatDoNotAskForStdinCannotEatIt() throws Exception {
    StepScript script = new StepScript("all")
        .run("greedy", "cat > eaten.txt")
        .runWithStdin("write", "cat > secret.txt");
    run(script, "s3cret");
    assertThat(Files.readString(dir.resolve("eaten.txt"))).isEmpty();
    assertThat(Files.readString(dir.resolve("secret.txt"))).isEqualTo("s3cret");
  }

  @Test
  void misuseIsRefused() {
    assertThatThrownBy(() -> new StepScript("x").runWithStdin("a", "cat").runWithStdin("b", "cat"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new StepScript("x").capture("a", "v", "true").capture("b", "v", "true"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StepScript("x").capture("a", "no-dash", "true"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private record Result(int exit, String stdout, String stderr) {}

  /** Runs the script as an SSH server would: {@code sh -c SCRIPT}, in {@link #dir}. */
  private Result run(StepScript script, String stdin) throws IOException, InterruptedException {
    return run(script, stdin, Files.createDirectories(dir.resolve("tmp")).toString());
  }

  private Result run(StepScript script, String stdin, String tmpdir) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("tmp"));
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", script.render()).directory(dir.toFile());
    builder.environment().put("TMPDIR", tmpdir);
    Process process = builder.start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    if (stdin != null) {
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    int exit = process.waitFor();
    return new Result(exit, out.join(), err.join());
  }

  private static String read(java.io.InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AppCommands#awaitHealthy}: the golden string, and the script run by a real {@code sh} against a fake
 * {@code docker} (a shell script that answers {@code inspect} and streams {@code events} like Docker does, then
 * keeps the stream open as Docker would).
 */
class AwaitHealthyTest {
  private final AppCommands web = new AppCommands("app", null, "dhh/app", "web", "999");

  @TempDir Path bin;

  @Test
  void goldenString() {
    assertThat(web.awaitHealthy(30, null)).isEqualTo(
        "s=$(docker inspect --format '{{.Id}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}"
            + "{{end}}' app-web-999) || exit; echo \"${s#* }\"; case ${s#* } in starting|unhealthy) ;; healthy) exit 0 ;; *) exit 0 ;; esac;"
            + " { timeout 30 docker events --since 10m --filter event=health_status --format '{{.Status}}'"
            + " --filter \"container=${s%% *}\" & echo \"pid $!\"; wait; } | while read -r k v; do case $k in"
            + " pid) p=$v ;; health_status:) echo \"$v\"; if [ \"$v\" = healthy ]; then kill \"$p\"; exit 0; fi ;;"
            + " esac; done");
  }

  @Test
  void followsEventsUntilHealthyAndStopsTheStream() throws Exception {
    fakeDocker("abc123 starting", "health_status: unhealthy", "health_status: healthy");
    Result result = run(web.awaitHealthy(20, null));
    assertThat(result.exit).isZero();
    assertThat(result.stdout).isEqualTo("starting\nunhealthy\nhealthy\n");
    assertThat(Files.readString(bin.resolve("events-args"))).contains("--filter container=abc123");
    assertThat(result.seconds).as("the open events stream was stopped, not waited out").isLessThan(10);
  }

  @Test
  void runsTheFollowUpOnceHealthyAndReportsItsFailure() throws Exception {
    fakeDocker("abc123 starting", "health_status: healthy");
    Result stopped = run(web.awaitHealthy(20, web.stopByName("998", 30)));
    assertThat(stopped.stdout).isEqualTo("starting\nhealthy\n");
    assertThat(Files.readString(bin.resolve("stop-args"))).isEqualTo("stop -t 30 app-web-998\n");

    fakeDocker("abc123 healthy");
    Files.writeString(bin.resolve("stop-fails"), "");
    Result failed = run(web.awaitHealthy(20, web.stopByName("998", null)));
    assertThat(failed.exit).isZero();
    assertThat(failed.stdout).isEqualTo("healthy\nonHealthy-failed 1\n");
  }

  @Test
  void theFollowUpDoesNotRunWhenTheContainerNeverGetsHealthy() throws Exception {
    fakeDocker("abc123 starting", "health_status: unhealthy");
    Result result = run(web.awaitHealthy(1, web.stopByName("998", 30)));
    assertThat(result.stdout).isEqualTo("starting\nunhealthy\n");
    assertThat(bin.resolve("stop-args")).doesNotExist();
  }

  @Test
  void printsTheStatusAndStopsWhenThereIsNothingToWaitFor() throws Exception {
    fakeDocker("abc123 running");
    Result result = run(web.awaitHealthy(20, null));
    assertThat(result.exit).isZero();
    assertThat(result.stdout).isEqualTo("running\n");
    assertThat(bin.resolve("events-args")).doesNotExist();
  }

  @Test
  void endsWithTheLastStatusWhenTheTimeoutPasses() throws Exception {
    fakeDocker("abc123 starting", "health_status: unhealthy");
    Result result = run(web.awaitHealthy(1, null));
    assertThat(result.exit).isZero();
    assertThat(result.stdout).isEqualTo("starting\nunhealthy\n");
  }

  @Test
  void failsWhenTheContainerIsMissing() throws Exception {
    write("docker", "#!/bin/sh\necho 'Error: No such object: app-web-999' >&2\nexit 1\n");
    Result result = run(web.awaitHealthy(5, null));
    assertThat(result.exit).isEqualTo(1);
    assertThat(result.stdout).isEmpty();
  }

  /** A docker whose inspect prints {@code inspect}; events prints the lines, then blocks like a live stream. */
  private void fakeDocker(String inspect, String... events) throws IOException {
    StringBuilder script = new StringBuilder("#!/bin/sh\ncase $1 in\n  inspect) echo '" + inspect + "' ;;\n"
        + "  events) echo \"$*\" > '" + bin.resolve("events-args") + "'\n");
    for (String line : events) {
      script.append("    echo '").append(line).append("'\n");
    }
    script.append("    exec sleep 60 ;;\n  stop) shift; echo \"stop $*\" > '" + bin.resolve("stop-args") + "'\n"
        + "    if [ -e '" + bin.resolve("stop-fails") + "' ]; then echo 'Error: No such container' >&2; exit 1; fi ;;\n"
        + "esac\n");
    write("docker", script.toString());
  }

  private void write(String name, String text) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private record Result(int exit, String stdout, double seconds) {}

  private Result run(String command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    long start = System.nanoTime();
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), out, (System.nanoTime() - start) / 1e9);
  }
}

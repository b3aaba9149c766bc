package io.sextant.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.config.RegistryConfig;
import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.process.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local registry's container driven against a stand-in {@code docker} that records its calls: Kamal's
 * {@code start || run} and {@code stop && rm} (commands/registry.rb), run as two commands each.
 */
class LocalRegistryTest {
  @TempDir Path tmp;
  private Path calls;
  private Path bin;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private LocalRegistry registry;

  @BeforeEach
  void setUp() throws IOException {
    bin = Files.createDirectories(tmp.resolve("bin"));
    calls = tmp.resolve("calls");
    Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8), Verbosity.NORMAL);
    registry = new LocalRegistry(new ProcessRunner(List.of(bin)), console, 5555);
  }

  /** A docker whose subcommand {@code failing} exits 1 with Docker's wording; every other one succeeds. */
  private void docker(String failing) throws IOException {
    Path docker = bin.resolve("docker");
    Files.writeString(docker, "#!/bin/sh\necho \"$*\" >> " + calls + "\n"
        + "if [ \"$1\" = '" + failing + "' ]; then echo 'Error response from daemon: No such container:"
        + " kamal-docker-registry' >&2; exit 1; fi\n");
    Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private List<String> calls() throws IOException {
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  @Test
  void setupStartsTheExistingContainerAndRunsNoOther() throws IOException {
    docker("none");
    registry.setup();
    assertThat(calls()).containsExactly("start kamal-docker-registry");
  }

  @Test
  void setupCreatesTheContainerWhenThereIsNoneToStart() throws IOException {
    docker("start");
    registry.setup();
    assertThat(calls()).containsExactly("start kamal-docker-registry",
        "run --detach -p 127.0.0.1:5555:5000 --name kamal-docker-registry registry:3");
  }

  @Test
  void setupFailsWithDockersAnswerWhenTheContainerCannotRun() throws IOException {
    Files.writeString(bin.resolve("docker"), "#!/bin/sh\necho 'Bind for 127.0.0.1:5555 failed: port is already"
        + " allocated' >&2\nexit 125\n");
    bin.resolve("docker").toFile().setExecutable(true);
    assertThatThrownBy(registry::setup).isInstanceOf(BuildException.class)
        .hasMessage("Could not start the local registry (docker start kamal-docker-registry || docker run --detach"
            + " -p 127.0.0.1:5555:5000 --name kamal-docker-registry registry:3): Bind for 127.0.0.1:5555 failed:"
            + " port is already allocated");
  }

  @Test
  void removeStopsThenRemoves() throws IOException {
    docker("none");
    registry.remove();
    assertThat(calls()).containsExactly("stop kamal-docker-registry", "rm kamal-docker-registry");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Removed the local registry (kamal-docker-registry)");
  }

  @Test
  void removingARegistryThatIsNotThereIsNotAnError() throws IOException {
    docker("stop");
    registry.remove();
    assertThat(calls()).as("&&: no rm after a failed stop").containsExactly("stop kamal-docker-registry");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("No local registry removed: Error response from daemon: No such container: kamal-docker-registry");
  }

  @Test
  void onlyAPortFrom1To65535IsALocalRegistry() {
    assertThat(LocalRegistry.problem(new RegistryConfig("localhost:5555", null, null))).isEmpty();
    assertThat(LocalRegistry.problem(new RegistryConfig("ghcr.io", null, null))).isEmpty();
    assertThat(LocalRegistry.problem(new RegistryConfig("localhost:70000", null, null))).contains(
        "registry/server: a local registry is localhost:PORT with a port from 1 to 65535, got 'localhost:70000'");
    assertThat(LocalRegistry.problem(new RegistryConfig("localhost:", null, null))).isPresent();
  }
}

package io.sextant.cli;

import io.sextant.testing.AgentMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data sharing archive: built in the background by the training run after the first start,
 * then used, with the classes of YAML and SSH inside it, and nothing left behind in the temporary folder.
 */
class LauncherCdsIT {
  @TempDir Path install;
  @TempDir Path tmp;
  @TempDir Path work;

  @Test
  void firstRunTrainsAnArchiveThatLaterRunsUse() throws Exception {
    Path bin = Files.createDirectories(install.resolve("bin"));
    Path lib = Files.createDirectories(install.resolve("lib"));
    Files.copy(CliIT.launcher(), bin.resolve("sextant"), StandardCopyOption.COPY_ATTRIBUTES);
    Path jar = Path.of(System.getProperty("sextant.jar", "target/sextant.jar"));
    Files.copy(jar, lib.resolve("sextant.jar"));
    copyFolder(jar.toAbsolutePath().getParent().resolve("lib"), lib.resolve("lib")); // BouncyCastle's signed jars

    assertThat(run(bin, null, "version")).matches("\\d+\\.\\d+\\.\\d+.*\\s*");
    Path archive = lib.resolve("sextant.jsa");
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> Files.isRegularFile(archive) && leftovers(lib).isEmpty() && leftovers(tmp).isEmpty());

    Path log = tmp.resolve("classes.log");
    assertThat(run(bin, log, "version")).matches("\\d+\\.\\d+\\.\\d+.*\\s*");
    assertThat(Files.readString(log)).contains("io.sextant.cli.Main source: shared objects file");

    run(bin, null, "init");
    run(bin, log, "hooks", "list");
    assertThat(Files.readAllLines(log)).filteredOn(line -> line.contains(" org.yaml.snakeyaml.composer.Composer "))
        .singleElement().asString().contains("shared objects file");
  }

  private String run(Path bin, Path classLog, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(bin.resolve("sextant").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().put("TMPDIR", tmp.toString());
    builder.environment().remove("SEXTANT_JAR");
    AgentMode.apply(builder.environment());
    if (classLog != null) {
      builder.environment().put("SEXTANT_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
    }
    Process process = builder.redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }

  private static List<Path> leftovers(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().contains(".tmp")
          || p.getFileName().toString().startsWith("sextant-cds")).toList();
    }
  }
}

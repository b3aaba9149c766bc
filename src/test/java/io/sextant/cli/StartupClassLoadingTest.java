package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Commands that need neither SSH nor YAML must not load those libraries (their class loading and BouncyCastle's
 * registration cost a few hundred milliseconds): each runs in a child JVM with {@code -Xlog:class+load} and the
 * log is checked. A behaviour test, not a timing one.
 */
class StartupClassLoadingTest {
  private static final List<String> HEAVY = List.of("org.apache.sshd.", "org.bouncycastle.", "org.yaml.");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"version", "init", "--help", "hooks list", "init --help"})
  void loadsNoSshOrYamlClasses(String command) throws Exception {
    Path log = dir.resolve("classes.log");
    Path work = Files.createDirectories(dir.resolve("project"));
    List<String> argv = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:auto", "-Xlog:class+load=info:file=" + log,
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    argv.addAll(List.of(command.split(" ")));
    Process process = new ProcessBuilder(argv).directory(work.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
    assertThat(process.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();

    List<String> loaded = loadedClasses(log);
    assertThat(loaded).as("the log lists the command's own classes").contains(Main.class.getName());
    assertThat(loaded).filteredOn(name -> HEAVY.stream().anyMatch(name::startsWith)).isEmpty();
  }

  private static List<String> loadedClasses(Path log) throws IOException {
    // "[0.012s][info][class,load] java.lang.Object source: shared objects file"
    return Files.readAllLines(log).stream()
        .filter(line -> line.contains("[class,load]"))
        .map(line -> line.substring(line.indexOf("[class,load]") + "[class,load]".length()).strip())
        .map(rest -> rest.split(" ")[0])
        .toList();
  }
}

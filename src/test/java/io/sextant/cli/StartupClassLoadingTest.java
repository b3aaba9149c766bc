package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.ClassLoadLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    Path work = Files.createDirectories(dir.resolve("project"));
    List<String> loaded = ClassLoadLog.loadedBy(dir, work, Main.class, List.of(command.split(" ")));
    assertThat(loaded).as("the log lists the command's own classes").contains(Main.class.getName());
    assertThat(loaded).filteredOn(name -> HEAVY.stream().anyMatch(name::startsWith)).isEmpty();
  }
}

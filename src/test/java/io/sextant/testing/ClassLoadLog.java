package io.sextant.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a child JVM on the test classpath with {@code -Xlog:class+load} and returns the names of
 * the classes it loaded: for tests of what a command does (not) load, never of how long it takes.
 */
public final class ClassLoadLog {
  private ClassLoadLog() {}

  /** Runs {@code mainClass args} in {@code workDir} (scratch files go to {@code dir}); it must exit 0. */
  public static List<String> loadedBy(Path dir, Path workDir, Class<?> mainClass, List<String> args)
      throws IOException, InterruptedException {
    return loadedBy(dir, workDir, List.of(), mainClass, args);
  }

  /** As {@link #loadedBy(Path, Path, Class, List)}, with {@code jvmOptions} (system properties, say) for the JVM. */
  public static List<String> loadedBy(Path dir, Path workDir, List<String> jvmOptions, Class<?> mainClass,
      List<String> args) throws IOException, InterruptedException {
    Path log = dir.resolve("classes.log");
    Path out = dir.resolve("out.txt");
    List<String> argv = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:auto", "-Xlog:class+load=info:file=" + log));
    argv.addAll(jvmOptions);
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
    argv.addAll(args);
    Process process = new ProcessBuilder(argv).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
    assertThat(process.exitValue()).as(Files.readString(out)).isZero();
    // "[0.012s][info][class,load] java.lang.Object source: shared objects file"
    return Files.readAllLines(log).stream()
        .filter(line -> line.contains("[class,load]"))
        .map(line -> line.substring(line.indexOf("[class,load]") + "[class,load]".length()).strip())
        .map(rest -> rest.split(" ")[0])
        .toList();
  }
}

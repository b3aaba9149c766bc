package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.testing.JceSignedJars;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The built distribution keeps BouncyCastle signed: its jars sit unmodified in {@code lib/} beside
 * {@code sextant.jar} (named by the jar's {@code Class-Path}), each passes {@code jarsigner -verify} and is the
 * very file Maven resolved, and {@code sextant.jar} holds no BouncyCastle class of its own.
 */
class DistributionIT {
  private static final Path JAR = Path.of(System.getProperty("sextant.jar", "target/sextant.jar"));

  @Test
  void sextantJarHoldsNoBouncyCastleClass() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.stream().map(e -> e.getName()).filter(name -> name.contains("org/bouncycastle/")))
          .as("BouncyCastle entries in " + JAR).isEmpty();
    }
  }

  @Test
  void theClassPathNamesExactlyTheJarsInLib() throws IOException {
    List<Path> shipped;
    try (Stream<Path> files = Files.list(lib())) {
      shipped = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    }
    assertThat(shipped).as("jars in " + lib()).isNotEmpty();
    assertThat(classPath()).containsExactlyInAnyOrderElementsOf(shipped);
  }

  @Test
  void everyBouncyCastleJarIsSignedAndTheArtifactMavenResolved() throws Exception {
    Path resolved = Path.of(System.getProperty("bouncycastle.resolved"));
    List<Path> bouncyCastle = classPath().stream()
        .filter(p -> p.getFileName().toString().startsWith("bc")).toList();
    assertThat(bouncyCastle).extracting(p -> p.getFileName().toString())
        .contains(resolved.getFileName().toString());
    for (Path jar : bouncyCastle) {
      String verify = jarsigner(jar);
      assertThat(verify).as("jarsigner -verify " + jar).contains("jar verified.").doesNotContain("unsigned");
      assertThat(JceSignedJars.isJceSigned(jar)).as(jar + " signed for JCE in every entry").isTrue();
      if (jar.getFileName().equals(resolved.getFileName())) {
        assertThat(Files.mismatch(jar, resolved)).as(jar + " against " + resolved).isEqualTo(-1L);
      }
    }
  }

  private static Path lib() {
    return JAR.toAbsolutePath().getParent().resolve("lib");
  }

  /** The jars {@code sextant.jar}'s manifest puts on the class path, resolved against its folder. */
  private static List<Path> classPath() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      String classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
      assertThat(classPath).as("Class-Path of " + JAR).isNotBlank();
      return Arrays.stream(classPath.trim().split("\\s+"))
          .map(entry -> JAR.toAbsolutePath().getParent().resolve(entry).normalize()).sorted().toList();
    }
  }

  /** {@code jarsigner -verify JAR}'s output; it must exit 0. */
  private static String jarsigner(Path jar) throws IOException, InterruptedException {
    Path jarsigner = Path.of(System.getProperty("java.home"), "bin", "jarsigner");
    Process process = new ProcessBuilder(jarsigner.toString(), "-verify", jar.toString())
        .redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("jarsigner finished").isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}

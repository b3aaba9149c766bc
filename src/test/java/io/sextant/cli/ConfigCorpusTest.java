package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.SextantException;
import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.Secrets;
import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs every case under {@code src/test/resources/config-corpus/<case>/} through {@code sextant config}: the case
 * directory is copied to a temp working directory (at least 40 cases say which real public project they are
 * modelled on, as a GitHub link in their {@code kamal.md}; cases modelled on Kamal's own test fixtures do not
 * count); {@code args} holds the command line options ({@code -c}, {@code -d}, {@code --version}), {@code env}
 * the environment (KEY=VALUE lines); {@code expected.yml} is the exact stdout of {@code sextant config} (Kamal's
 * summary, compared as YAML: keys, their order, values and types),
 * {@code expected-merged.yml} that of {@code config --merged}
 * (exit 0, stderr empty or {@code expected-warnings.txt}), or {@code expected-error.txt} the exact stderr (exit 2).
 * Valid cases are also scanned for every secret value. The expected files are written by hand or printed by
 * Kamal 2.12.0's own configuration code (its {@code lib/} run on MRI), never from Sextant's output: each case's
 * {@code kamal.md} says which lines of Kamal 2.12's code or documentation (and, where Sextant deliberately differs,
 * which of its documents) each expected line comes from, and whether Kamal's code was run on the case.
 */
class ConfigCorpusTest {
  /** {@code Modelled on [owner/repo ...](link)} in a case's kamal.md: the real project it is shaped like. */
  private static final Pattern MODELLED_ON =
      Pattern.compile("Modelled on \\[([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+[^\\]]*)\\]\\((\\S+)\\)");
  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> corpus() throws IOException {
    // The sources, not target/test-classes: Maven leaves the copies of renamed or deleted cases behind there.
    Path root = Path.of("src/test/resources/config-corpus");
    List<Path> cases;
    try (Stream<Path> list = Files.list(root)) {
      cases = list.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
    // Issue 16: at least 40 cases modelled on real public projects, each naming its source; cases modelled on
    // Kamal's own test fixtures (basecamp/kamal) name their source too but are counted apart: they are no project.
    long realProjects = 0;
    long kamalFixtures = 0;
    for (Path dir : cases) {
      Matcher source = MODELLED_ON.matcher(Files.readString(dir.resolve("kamal.md")));
      if (source.find()) {
        String repository = source.group(1).split(" ")[0];
        assertThat(source.group(2)).as(dir.getFileName() + ": the link names the project " + source.group(1))
            .startsWith("https://github.com/" + repository + "/blob/");
        if (repository.equals("basecamp/kamal")) {
          kamalFixtures++;
        } else {
          realProjects++;
        }
      }
    }
    assertThat(realProjects).as("cases modelled on real public projects (not counting the %d on Kamal's fixtures)",
        kamalFixtures).isGreaterThanOrEqualTo(40);
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
  }

  private void run(Path caseDir) throws IOException {
    Path work = temp.resolve(caseDir.getFileName().toString());
    copy(caseDir, work);
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/bin:/bin");
    if (Files.exists(work.resolve("env"))) {
      for (String line : Files.readAllLines(work.resolve("env"))) {
        if (line.contains("=")) {
          env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
      }
    }
    String configFile = null;
    String destination = null;
    String version = null;
    if (Files.exists(work.resolve("args"))) {
      String[] args = Files.readString(work.resolve("args")).trim().split("\\s+");
      for (int i = 0; i + 1 < args.length; i += 2) {
        switch (args[i]) {
          case "-c" -> configFile = args[i + 1];
          case "-d" -> destination = args[i + 1];
          case "--version" -> version = args[i + 1];
          default -> throw new IllegalArgumentException("unsupported option in args: " + args[i]);
        }
      }
    }
    ConfigRequest request = new ConfigRequest(work, configFile, destination, version, env);
    Path expectedYml = caseDir.resolve("expected.yml");
    Path expectedMerged = caseDir.resolve("expected-merged.yml");
    Path expectedError = caseDir.resolve("expected-error.txt");
    assertThat((Files.exists(expectedYml) || Files.exists(expectedMerged)) ^ Files.exists(expectedError))
        .as("expected.yml and/or expected-merged.yml, or expected-error.txt").isTrue();
    assertThat(caseDir.resolve("kamal.md")).as("where the expected output comes from").isRegularFile();
    assertThat(Files.readString(caseDir.resolve("kamal.md"))).as("kamal.md cites Kamal 2.12's source")
        .contains("https://github.com/basecamp/kamal/blob/v2.12.0/");
    if (Files.exists(expectedError)) {
      Output output = config(request, false);
      assertThat(output.exit).as("exit code").isEqualTo(2);
      assertThat(output.stdout).isEmpty();
      assertThat(output.stderr).isEqualTo(Files.readString(expectedError));
      return;
    }
    for (Path expected : List.of(expectedYml, expectedMerged)) {
      if (!Files.exists(expected)) {
        continue;
      }
      Output output = config(request, expected.equals(expectedMerged));
      assertThat(output.stderr).as("stderr").isEqualTo(expectedWarnings(caseDir));
      assertThat(output.exit).as("exit code").isZero();
      if (expected.equals(expectedYml)) {
        // Kamal's summary, compared as YAML: the same keys (symbols read back as ":name"), values and types.
        assertThat(output.stdout).startsWith("---\n");
        Object actual = new Yaml().load(output.stdout);
        assertThat(actual).as(expected.getFileName().toString())
            .isEqualTo(new Yaml().load(Files.readString(expected)));
        assertThat(actual).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) actual).keySet().stream().map(String::valueOf).toList())
            .as("key order").isEqualTo(((Map<?, ?>) new Yaml().load(Files.readString(expected))).keySet().stream()
                .map(String::valueOf).toList());
      } else {
        assertThat(output.stdout).as(expected.getFileName().toString()).isEqualTo(Files.readString(expected));
      }
      Secrets secrets = ConfigLoader.load(request).secrets();
      for (String value : secrets.values()) {
        if (!"[REDACTED]".contains(value)) {
          assertThat(output.stdout).as("secret value leaked").doesNotContain(value);
        }
      }
    }
  }

  /** The warnings a valid case prints on stderr ({@code expected-warnings.txt}), none without that file. */
  private static String expectedWarnings(Path caseDir) throws IOException {
    Path warnings = caseDir.resolve("expected-warnings.txt");
    return Files.exists(warnings) ? Files.readString(warnings) : "";
  }

  private record Output(int exit, String stdout, String stderr) {}

  /** {@code sextant config} (or {@code config --merged}) in-process: exit code, stdout and stderr. */
  private static Output config(ConfigRequest request, boolean merged) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Verbosity.NORMAL);
    int exit;
    StringWriter errors = new StringWriter();
    try {
      exit = ConfigCommand.show(request, merged, console);
    } catch (SextantException e) {
      exit = Main.report(e, new PrintWriter(errors), false);
    }
    return new Output(exit, out.toString(StandardCharsets.UTF_8),
        errors + err.toString(StandardCharsets.UTF_8));
  }

  private static void copy(Path from, Path to) throws IOException {
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(from)) {
      walk.forEach(paths::add);
    }
    for (Path path : paths) {
      Path target = to.resolve(from.relativize(path).toString());
      if (Files.isDirectory(path)) {
        Files.createDirectories(target);
      } else {
        Files.createDirectories(target.getParent());
        Files.copy(path, target);
      }
    }
  }
}

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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Thousands of random and mutated deploy.yml, destination and secrets files through {@code sextant config}: the
 * result is always exit 0 with output or exit 2 with a message, never another exception; and no secret value is
 * ever printed. Secrets files here never contain {@code $(}, so no command is run.
 */
class ConfigFuzzProperties {
  private static Path work;
  private static List<String> seeds;

  /** One generated scenario: files to write, an optional destination and the environment. */
  record Scenario(String deployYml, String destinationYml, String secrets, String secretsCommon,
      boolean traefikHook, Map<String, String> env) {}

  @BeforeContainer
  static void setUp() throws Exception {
    work = Files.createTempDirectory("sextant-cfg-fuzz");
    Path corpus = Path.of(ConfigFuzzProperties.class.getResource("/config-corpus").toURI());
    try (Stream<Path> walk = Files.walk(corpus)) {
      seeds = walk.filter(path -> path.toString().endsWith("deploy.yml") && path.toString().contains("/valid-"))
          .sorted().map(ConfigFuzzProperties::read).toList();
    }
  }

  @AfterContainer
  static void tearDown() throws IOException {
    try (Stream<Path> walk = Files.walk(work)) {
      walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Property(tries = 1500)
  void mutatedConfigsExitZeroOrTwoWithAMessage(@ForAll("mutatedScenarios") Scenario scenario) throws IOException {
    check(scenario);
  }

  @Property(tries = 1500)
  void randomKamalShapedTreesExitZeroOrTwoWithAMessage(@ForAll("randomTreeScenarios") Scenario scenario)
      throws IOException {
    check(scenario);
  }

  @Property(tries = 1000)
  void randomSecretsFilesNeverLeakOrCrash(@ForAll("secretsScenarios") Scenario scenario) throws IOException {
    check(scenario);
  }

  /**
   * Large files (1 to 4 MB) broken in one place: an unclosed quote (double or single) on one long line or before
   * many lines, or an unclosed ERB tag. Each fails with exit 2 naming the line where the quote or tag opens. How
   * long they take is bench/config-scan.sh's business (10 MB each), not a test's.
   */
  @Property(tries = 12)
  void largeFilesBrokenInOnePlaceNameTheLineOfTheFault(@ForAll("largeBrokenFiles") LargeBrokenFile file)
      throws IOException {
    Files.deleteIfExists(work.resolve("config/deploy.staging.yml"));
    write("config/deploy.yml", file.text());
    Shown shown = show(new ConfigRequest(work, null, null, "fuzz-version", Map.of("PATH", "/usr/bin:/bin")),
        new ByteArrayOutputStream());
    assertThat(shown.exit()).as(file.toString()).isEqualTo(2);
    assertThat(shown.errors()).as(file.toString()).startsWith("ERROR: config/deploy.yml:" + file.faultLine() + ": ");
  }

  /** What {@code sextant config} did: its exit code, the error lines, the exception behind them if any. */
  record Shown(int exit, String errors, SextantException failure) {}

  /** {@code sextant config} in this JVM, stdout into {@code out}, as the CLI reports a failure. */
  private static Shown show(ConfigRequest request, ByteArrayOutputStream out) {
    Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Verbosity.NORMAL);
    try {
      return new Shown(ConfigCommand.show(request, true, console), "", null);
    } catch (SextantException e) {
      StringWriter errors = new StringWriter();
      int exit = Main.report(e, new PrintWriter(errors), false);
      return new Shown(exit, errors.toString(), e);
    }
  }

  /** A generated large file and the 1-based line of its one fault. */
  record LargeBrokenFile(String shape, int bytes, int faultLine, String text) {
    @Override
    public String toString() {
      return shape + ", " + bytes + " bytes, fault at line " + faultLine;
    }
  }

  @Provide
  Arbitrary<LargeBrokenFile> largeBrokenFiles() {
    return Combinators.combine(
        Arbitraries.of("double-quote-long-line", "single-quote-long-line", "double-quote-then-lines", "erb-unclosed"),
        Arbitraries.integers().between(1 << 20, 4 << 20), Arbitraries.integers().between(0, 40))
        .as(ConfigFuzzProperties::largeBrokenFile);
  }

  private static LargeBrokenFile largeBrokenFile(String shape, int bytes, int linesBefore) {
    StringBuilder text = new StringBuilder("service: app\nimage: acme/app\nservers:\n  - 10.0.0.1\nenv:\n  clear:\n");
    for (int i = 0; i < linesBefore; i++) {
      text.append("    BEFORE_").append(i).append(": ordinary value ").append(i).append('\n');
    }
    int faultLine = 7 + linesBefore;
    switch (shape) {
      case "double-quote-long-line" -> text.append("    KEY: \"").append("x".repeat(bytes)).append('\n');
      case "single-quote-long-line" -> text.append("    KEY: '").append("x".repeat(bytes)).append('\n');
      case "double-quote-then-lines" -> {
        text.append("    BROKEN: \"value\n");
        for (int i = 0; text.length() < bytes; i++) {
          text.append("    KEY_").append(i).append(": value ").append(i).append(" with some words\n");
        }
      }
      default -> text.append("    KEY: <%= ENV[\"A\"]").append("x".repeat(bytes)).append('\n');
    }
    return new LargeBrokenFile(shape, text.length(), faultLine, text.toString());
  }

  private void check(Scenario scenario) throws IOException {
    write("config/deploy.yml", scenario.deployYml());
    write("config/deploy.staging.yml", scenario.destinationYml());
    write(".kamal/secrets.staging", scenario.secrets());
    write(".kamal/secrets", scenario.secrets());
    write(".kamal/secrets-common", scenario.secretsCommon());
    write(".kamal/hooks/pre-traefik-reboot", scenario.traefikHook() ? "#!/bin/sh\n" : null);
    String destination = scenario.destinationYml() == null ? null : "staging";
    ConfigRequest request = new ConfigRequest(work, null, destination, "fuzz-version", scenario.env());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Shown shown;
    try {
      shown = show(request, out);
    } catch (RuntimeException | Error e) {
      throw new AssertionError("uncaught " + e + " for:\n" + scenario, e);
    }
    int exit = shown.exit();
    if (shown.failure() != null) {
      assertThat(shown.failure().getMessage()).isNotBlank();
    }
    assertThat(exit).isIn(0, 2);
    net.jqwik.api.statistics.Statistics.collect(exit == 0 ? "exit 0" : "exit 2");
    if (exit == 2) {
      assertThat(shown.errors()).startsWith("ERROR: ").doesNotContain("Exception");
      return;
    }
    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(output).isNotBlank();
    Secrets secrets = ConfigLoader.load(request).secrets();
    for (String value : secrets.values()) {
      if ("[REDACTED]".contains(value)) {
        continue;
      }
      if (value.length() >= io.sextant.config.Redaction.SHORT) {
        assertThat(output).as("secret %s leaked", value).doesNotContain(value);
      } else {
        // a value of one to three characters may stand inside a word, never alone (docs/configuration.md#secrets)
        assertThat(output).as("secret %s leaked", value).doesNotContainPattern(
            "(?<![\\p{L}\\p{N}])" + java.util.regex.Pattern.quote(value) + "(?![\\p{L}\\p{N}])");
      }
    }
  }

  private static void write(String name, String content) throws IOException {
    Path file = work.resolve(name);
    if (content == null) {
      Files.deleteIfExists(file);
      return;
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- generators

  private static final List<String> YAML_BITS = List.of(
      ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "&a", "*a", "<<: *a", "!!str ", "!!int ", "!!binary ", "|",
      ">", "'", "\"", "#", "%", "?", "\n", "\n  ", "\n    ", "  ", "\t", "~", "null", "yes", "no", "0755",
      "1e3", "-1", "2024-01-01", ".inf", "x-", "web", "hosts", "servers", "<%= ENV[\"A\"] %>", "<%", "%>",
      "<%= ENV.fetch(\"B\", \"d\") %>", "<%# c -%>", "\\", "\u00e9", "\u0000", "\uFEFF");

  private static final List<String> KEYS = List.of(
      "service", "image", "servers", "registry", "env", "clear", "secret", "tags", "builder", "arch", "ssh",
      "user", "port", "keys", "config", "hooks_path", "hooks_output", "secrets_path", "primary_role",
      "allow_empty_roles", "retain_containers", "boot", "limit", "wait", "web", "workers", "hosts", "cmd",
      "options", "labels", "proxy", "logging", "driver", "stop_timeout", "accessories", "x-hooks", "timeout",
      "pre-deploy", "aliases", "password", "username", "server", "require_destination", "minimum_version",
      "context", "cache", "type", "local", "remote", "app_port", "ssl", "host", "role", "roles", "tag", "unknown");

  @Provide
  Arbitrary<Scenario> mutatedScenarios() {
    Arbitrary<String> base = Arbitraries.of(seeds);
    Arbitrary<String> mutated = Combinators.combine(base, Arbitraries.integers().between(0, 3),
        Arbitraries.longs()).as(ConfigFuzzProperties::mutate);
    Arbitrary<String> destination = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(null)),
        net.jqwik.api.Tuple.of(1, mutated), net.jqwik.api.Tuple.of(1, base));
    return Combinators.combine(mutated, destination, Arbitraries.frequency(net.jqwik.api.Tuple.of(1, true), net.jqwik.api.Tuple.of(9, false)))
        .as((yml, dest, traefik) -> new Scenario(yml, dest, "KAMAL_REGISTRY_PASSWORD=pw-fuzz-77\n", null, traefik,
            Map.of("A", "alpha", "PATH", "/usr/bin:/bin")));
  }

  private static String mutate(String text, int count, long seed) {
    java.util.Random random = new java.util.Random(seed);
    StringBuilder out = new StringBuilder(text);
    for (int i = 0; i < count; i++) {
      int position = out.length() == 0 ? 0 : random.nextInt(out.length() + 1);
      switch (random.nextInt(6)) {
        case 0 -> out.insert(position, YAML_BITS.get(random.nextInt(YAML_BITS.size())));
        case 1 -> {
          int end = Math.min(out.length(), position + 1 + random.nextInt(12));
          out.delete(Math.min(position, end), end);
        }
        case 2 -> out.insert(position, KEYS.get(random.nextInt(KEYS.size())) + ": ");
        case 3 -> {
          String[] lines = out.toString().split("\n", -1);
          int a = random.nextInt(lines.length);
          int b = random.nextInt(lines.length);
          String swap = lines[a];
          lines[a] = lines[b];
          lines[b] = swap;
          out.setLength(0);
          out.append(String.join("\n", lines));
        }
        case 4 -> {
          String[] lines = out.toString().split("\n", -1);
          int a = random.nextInt(lines.length);
          lines[a] = " ".repeat(random.nextInt(5)) + lines[a].stripLeading();
          out.setLength(0);
          out.append(String.join("\n", lines));
        }
        default -> out.insert(position, (char) (32 + random.nextInt(95)));
      }
    }
    return out.toString();
  }

  @Provide
  Arbitrary<Scenario> randomTreeScenarios() {
    Arbitrary<String> tree = Arbitraries.longs().map(seed -> dump(randomMap(new java.util.Random(seed), 0)));
    Arbitrary<String> valid = Arbitraries.longs().map(seed -> dump(mostlyValid(new java.util.Random(seed))));
    Arbitrary<String> yml = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, tree), net.jqwik.api.Tuple.of(2, valid));
    return Combinators.combine(yml, Arbitraries.oneOf(Arbitraries.just(null), yml))
        .as((deploy, dest) -> new Scenario(deploy, dest, null, null, false, Map.of("PATH", "/usr/bin:/bin")));
  }

  private static Object randomValue(java.util.Random random, int depth) {
    return switch (depth > 4 ? random.nextInt(5) : random.nextInt(8)) {
      case 0 -> KEYS.get(random.nextInt(KEYS.size()));
      case 1 -> random.nextInt(200) - 20;
      case 2 -> random.nextBoolean();
      case 3 -> null;
      case 4 -> random.nextBoolean() ? "10.0.0." + random.nextInt(4) : ":verbose";
      case 5, 6 -> randomMap(random, depth + 1);
      default -> {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(randomValue(random, depth + 1));
        }
        yield list;
      }
    };
  }

  private static Map<String, Object> randomMap(java.util.Random random, int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = random.nextInt(6); i > 0; i--) {
      map.put(KEYS.get(random.nextInt(KEYS.size())), randomValue(random, depth + 1));
    }
    return map;
  }

  /** A valid-looking config with one or two random keys or values swapped in, to reach the deeper checks. */
  private static Map<String, Object> mostlyValid(java.util.Random random) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("service", "app");
    map.put("image", "acme/app");
    Map<String, Object> web = new LinkedHashMap<>();
    web.put("hosts", List.of("10.0.0.1", Map.of("10.0.0.2", "canary")));
    map.put("servers", new LinkedHashMap<>(Map.of("web", web)));
    map.put("registry", new LinkedHashMap<>(Map.of("username", "u", "password", List.of("PW"))));
    map.put("builder", new LinkedHashMap<>(Map.of("arch", "amd64")));
    for (int i = random.nextInt(3); i > 0; i--) {
      String key = KEYS.get(random.nextInt(KEYS.size()));
      Object value = randomValue(random, 2);
      if (random.nextBoolean()) {
        map.put(key, value);
      } else {
        web.put(key, value);
      }
    }
    return map;
  }

  private static String dump(Map<String, Object> map) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(random(map) ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(map);
  }

  private static boolean random(Object o) {
    return (System.identityHashCode(o) & 8) != 0;
  }

  @Provide
  Arbitrary<Scenario> secretsScenarios() {
    Arbitrary<String> name = Arbitraries.strings().withCharRange('A', 'Z').withChars('_', '.', '1')
        .ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> value = Arbitraries.strings()
        .withCharRange('a', 'z').withCharRange('0', '9')
        .withChars(' ', '$', '{', '}', '\'', '"', '\\', '#', '=', ':', '\n', '-', '/', '@', '!')
        .ofMinLength(0).ofMaxLength(20);
    Arbitrary<String> line = Combinators.combine(
        Arbitraries.of("", "export ", "  "), name, Arbitraries.of("=", " = ", ": ", "=\"", "='", ""), value,
        Arbitraries.of("", "\"", "'", " # c"))
        .as((export, key, separator, text, close) -> export + key + separator + text + close);
    Arbitrary<String> file = line.list().ofMaxSize(8).map(lines -> String.join("\n", lines) + "\n");
    Arbitrary<String> yml = Arbitraries.of(
        "service: app\nimage: acme/app\nservers:\n  - 10.0.0.1\nregistry:\n  username: u\n  password: [PW]\n"
            + "builder:\n  arch: amd64\n"
            + "env:\n  clear:\n    TOKEN: <%= ENV[\"TOKEN\"] %>\n    FIXED: abc$x 1\n  secret: [A, B]\n");
    Arbitrary<String> token = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
    return Combinators.combine(yml, file, Arbitraries.oneOf(Arbitraries.just(null), file), token,
        Arbitraries.of(true, false))
        .as((deploy, secrets, common, tokenValue, useDestination) -> new Scenario(deploy,
            useDestination ? "proxy:\n  host: x.example.com\n" : null, secrets, common, false,
            Map.of("TOKEN", tokenValue, "PATH", "/usr/bin:/bin")));
  }
}

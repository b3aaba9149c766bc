package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command of Kamal 2.12, hidden ones included, is one of Sextant's; none gets picocli's "Unmatched argument".
 */
class KamalCommandLineTest {
  /**
   * Kamal 2.12's commands: every {@code desc} line of https://github.com/basecamp/kamal/tree/v2.12.0/lib/kamal/cli
   * (accessory.rb, app.rb, build.rb, lock.rb, main.rb, proxy.rb, prune.rb, registry.rb, secrets.rb, server.rb),
   * hidden ones included, plus Thor's {@code help}.
   */
  static final List<String> KAMAL_COMMANDS = List.of(
      "accessory boot", "accessory upload", "accessory directories", "accessory reboot", "accessory start",
      "accessory stop", "accessory restart", "accessory details", "accessory exec", "accessory logs",
      "accessory pull_image", "accessory remove", "accessory remove_container", "accessory remove_image",
      "accessory remove_service_directory", "accessory upgrade",
      "app boot", "app start", "app stop", "app details", "app exec", "app containers", "app stale_containers",
      "app images", "app logs", "app remove", "app live", "app maintenance", "app remove_container",
      "app remove_containers", "app remove_images", "app remove_app_directories", "app version",
      "build deliver", "build push", "build pull", "build create", "build remove", "build details", "build dev",
      "lock status", "lock acquire", "lock release",
      "setup", "deploy", "redeploy", "rollback", "details", "audit", "config", "docs", "init", "remove", "upgrade",
      "version", "accessory", "app", "build", "lock", "proxy", "prune", "registry", "secrets", "server", "help",
      "proxy boot", "proxy boot_config", "proxy reboot", "proxy upgrade", "proxy start", "proxy stop",
      "proxy restart", "proxy details", "proxy logs", "proxy remove", "proxy remove_container",
      "proxy remove_image", "proxy remove_proxy_directory",
      "prune all", "prune images", "prune containers",
      "registry setup", "registry remove", "registry login", "registry logout",
      "secrets fetch", "secrets extract", "secrets print",
      "server exec", "server bootstrap");

  record Outcome(int exitCode, String output) {}

  static Outcome run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    java.io.InputStream in = System.in;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(both);
      System.setErr(both);
      System.setIn(new java.io.ByteArrayInputStream(new byte[0])); // `remove` asks first: no answer is no
      int code = Main.run(args);
      both.flush();
      return new Outcome(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
      System.setIn(in);
    }
  }

  static Stream<String> kamalCommands() {
    return KAMAL_COMMANDS.stream();
  }

  @ParameterizedTest
  @MethodSource("kamalCommands")
  void helpForEveryKamalCommandIsUsage(String command) {
    List<String> args = new ArrayList<>(Arrays.asList(command.split(" ")));
    args.add("--help");
    Outcome outcome = run(args.toArray(String[]::new));
    assertThat(outcome.output()).as(command).doesNotContain("Unmatched argument").doesNotContain("unknown command")
        .isNotBlank();
    assertThat(outcome.exitCode()).as(command + ": " + outcome.output()).isZero();
    assertThat(outcome.output()).as(command).contains("Usage: sextant");
  }

  @ParameterizedTest
  @MethodSource("kamalCommands")
  void everyKamalCommandRunsOrNamesTheConfigurationProblem(String command) {
    if (command.equals("init")) {
      return; // it would write config/deploy.yml into the working directory; its --help is checked above
    }
    List<String> args = new ArrayList<>(List.of("-c", "/nonexistent/sextant-test/deploy.yml"));
    args.addAll(Arrays.asList(command.split(" ")));
    Outcome outcome = run(args.toArray(String[]::new));
    assertThat(outcome.output()).as(command).doesNotContain("Unmatched argument").doesNotContain("unknown command")
        .doesNotContain("not implemented").doesNotContain("\tat ");
    assertThat(outcome.exitCode()).as(command + ": " + outcome.output()).isIn(0, 2);
  }

  @ParameterizedTest
  @MethodSource("kamalCommands")
  void dashesWorkForUnderscoresAsInThor(String command) {
    if (!command.contains("_")) {
      return;
    }
    Outcome outcome = run((command.replace('_', '-') + " --help").split(" "));
    assertThat(outcome.output()).as(command).doesNotContain("Unmatched argument").doesNotContain("unknown command");
  }

  @ParameterizedTest
  @MethodSource("unknown")
  void anUnknownCommandIsOneLineNamingIt(String line, String expected) {
    Outcome outcome = run(line.split(" "));
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.output().strip()).isEqualTo(expected);
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> unknown() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("frobnicate now",
            "ERROR: unknown command `sextant frobnicate` (run `sextant help` for the commands; an alias comes from"
                + " the aliases key of config/deploy.yml)"),
        org.junit.jupiter.params.provider.Arguments.of("app frobnicate",
            "ERROR: unknown command `sextant app frobnicate` (run `sextant app help` for the commands; an alias"
                + " comes from the aliases key of config/deploy.yml)"),
        org.junit.jupiter.params.provider.Arguments.of("version extra",
            "ERROR: unexpected argument 'extra' for `sextant version`"),
        org.junit.jupiter.params.provider.Arguments.of("proxy remove_image extra",
            "ERROR: unexpected argument 'extra' for `sextant proxy remove_image`"));
  }
}

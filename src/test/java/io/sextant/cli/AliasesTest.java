package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alias expansion as Kamal's Kamal::Cli::Alias::Command (lib/kamal/cli/alias/command.rb:3-6): the alias's
 * command words, then the rest of the line; the cases follow test/cli/main_test.rb:735-809 and
 * test/fixtures/deploy_with_aliases.yml.
 */
class AliasesTest {
  @TempDir Path dir;

  @BeforeEach
  void config() throws IOException {
    write("config/deploy.yml", base("app") + "aliases:\n"
        + "  info: details\n"
        + "  console: app exec --reuse -p -r console \"bin/console\"\n"
        + "  exec: app exec --reuse -p -r console\n"
        + "  rails: app exec --reuse -p -r console rails\n"
        + "  primary_details: details -p\n"
        + "  deploy_secondary: deploy -d secondary\n"
        + "  quoted: server exec 'echo  two spaces' \"a \\\"b\\\"\" c\\ d\n"
        + "  loop-a: loop-b\n"
        + "  loop-b: loop-a\n");
    write("config/deploy.staging.yml", "aliases:\n  info: app details -q\n");
    write("config/other.yml", base("app2") + "aliases:\n  other: config\n");
  }

  private static String base(String service) {
    return "service: " + service + "\nimage: acme/app\nservers:\n  web:\n    - 10.0.0.1\n  console:\n    - 10.0.0.5\n"
        + "registry:\n  username: u\n  password: [PW]\nbuilder:\n  arch: amd64\n";
  }

  private void write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private String[] expand(String... args) {
    return Aliases.expand(args, dir, Map.of());
  }

  @Test
  void anAliasRunsItsCommandWords() {
    assertThat(expand("info")).containsExactly("details");
    assertThat(expand("primary_details")).containsExactly("details", "-p");
    assertThat(expand("console")).containsExactly("app", "exec", "--reuse", "-p", "-r", "console", "bin/console");
  }

  @Test
  void theRestOfTheLineFollowsTheCommandWords() {
    assertThat(expand("rails", "db:migrate:status"))
        .containsExactly("app", "exec", "--reuse", "-p", "-r", "console", "rails", "db:migrate:status");
    assertThat(expand("exec", "bin/job")).containsExactly("app", "exec", "--reuse", "-p", "-r", "console", "bin/job");
  }

  @Test
  void globalOptionsOnTheLineStayAndApply() {
    // main_test.rb:751: `kamal console -r workers` runs on the workers (the later -r wins)
    assertThat(expand("console", "-r", "workers")).containsExactly("app", "exec", "--reuse", "-p", "-r",
        "console", "bin/console", "-r", "workers");
    assertThat(expand("-q", "info", "-v")).containsExactly("-q", "details", "-v");
    assertThat(expand("deploy_secondary")).containsExactly("deploy", "-d", "secondary");
  }

  @Test
  void theConfigurationThatDefinesTheAliasIsTheOneTheLineSelects() {
    // main_test.rb:772-790: switching the config file or destination switches the aliases
    assertThat(expand("-d", "staging", "info")).containsExactly("-d", "staging", "app", "details", "-q");
    assertThat(expand("info", "--destination=staging")).containsExactly("app", "details", "-q",
        "--destination=staging");
    assertThat(expand("-c", "config/other.yml", "other")).containsExactly("-c", "config/other.yml", "config");
    assertThat(expand("other")).containsExactly("other"); // not an alias of config/deploy.yml
  }

  @Test
  void commandsAndLinesWithoutAWordAreLeftAlone() {
    assertThat(expand("details", "info")).containsExactly("details", "info");
    assertThat(expand("-v")).containsExactly("-v");
    assertThat(expand()).isEmpty();
    assertThat(expand("accessory", "boot")).containsExactly("accessory", "boot");
  }

  @Test
  void quotesAndBackslashesGroupWordsAsInAShell() {
    assertThat(expand("quoted")).containsExactly("server", "exec", "echo  two spaces", "a \"b\"", "c d");
  }

  @Test
  void anAliasLoopIsAConfigurationError() {
    assertThatThrownBy(() -> expand("loop-a")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("alias loop");
  }

  @Test
  void anUnclosedQuoteNamesTheAlias() {
    assertThatThrownBy(() -> Aliases.words("server exec 'echo", "broken"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("aliases/broken: unmatched quote in the alias's command");
  }

  @Test
  void withoutAConfigurationFileAnUnknownWordStaysUnknown() throws IOException {
    Files.delete(dir.resolve("config/deploy.yml"));
    assertThat(expand("info")).containsExactly("info");
  }
}

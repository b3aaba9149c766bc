package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.cli.KamalCommandLineTest.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * How {@code server exec}, {@code app exec} and {@code app logs} read their command lines, as Kamal's (Thor) does:
 * the refusals of {@code app exec} before anything is read or run, words that look like options passed on to the
 * command, {@code -e KEY:VALUE}, and an unknown subcommand with {@code --help}.
 */
class ExecCommandLineTest {
  /** The command object the line resolves to, parsed as {@link Main} sets picocli up. */
  @SuppressWarnings("unchecked")
  private static <T> T parsed(String... args) {
    CommandLine root = new CommandLine(new SextantCommand());
    Subcommands.register(root, SextantCommand.SUBCOMMANDS, args);
    PassThroughOptions.enable(root);
    ParseResult result = root.parseArgs(args);
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return (T) result.commandSpec().userObject();
  }

  private static GlobalOptions global(Object command) {
    return ((BaseCommand) command).global();
  }

  // Kamal's test/cli/server_test.rb:18-30 ("exec", "date", "-j" runs `date -j`); Thor keeps unknown options as words
  // and takes its own wherever they stand (checked with Thor 1.4.0's parser).
  @Test
  void serverExecPassesUnknownOptionsOnAsWordsOfTheCommand() {
    ServerCommand.Exec uname = parsed("server", "exec", "uname", "-a");
    assertThat(uname.words).containsExactly("uname", "-a");
    ServerCommand.Exec ls = parsed("server", "exec", "ls", "-la", "--color=never", "/");
    assertThat(ls.words).containsExactly("ls", "-la", "--color=never", "/");
    ServerCommand.Exec echo = parsed("server", "exec", "echo", "-x", "foo", "-q", "bar");
    assertThat(echo.words).containsExactly("echo", "-x", "foo", "bar");
    assertThat(global(echo).quiet()).isTrue();
  }

  @Test
  void serverExecStillTakesItsOwnOptionsAnywhereButNotAfterDoubleDash() {
    ServerCommand.Exec ps = parsed("server", "exec", "ps", "-p", "1");
    assertThat(ps.words).containsExactly("ps", "1");
    assertThat(global(ps).primary()).isTrue();
    ServerCommand.Exec raw = parsed("server", "exec", "date", "--raw"); // server_test.rb:32-42
    assertThat(raw.words).containsExactly("date");
    assertThat(raw.raw).isTrue();
    ServerCommand.Exec quoted = parsed("server", "exec", "--", "echo", "-p", "--raw");
    assertThat(quoted.words).containsExactly("echo", "-p", "--raw");
    assertThat(quoted.raw).isFalse();
    assertThat(global(quoted).primary()).isFalse();
  }

  @Test
  void appExecPassesUnknownOptionsOnAndTakesItsOwn() {
    AppExecCommand exec = parsed("app", "exec", "--detach", "ruby", "-v", "-e", "A:1");
    assertThat(exec.command).containsExactly("ruby");
    assertThat(global(exec).verbose()).isTrue();
    exec = parsed("app", "exec", "ls", "-la", "--reuse");
    assertThat(exec.command).containsExactly("ls", "-la");
    assertThat(exec.reuse).isTrue();
  }

  // Kamal's lib/kamal/cli/app.rb:93 (`option :env, aliases: "-e", type: :hash`): Thor's hash takes KEY:VALUE words
  @Test
  void appExecEnvTakesKeyColonValuePairsAsThorAndKeyEqualsValue() {
    AppExecCommand exec = parsed("app", "exec", "-e", "A:1", "B:x:y", "ruby", "-e", "C=3", "D:4", "puts 1");
    assertThat(exec.env).containsExactly(Map.entry("A", "1"), Map.entry("B", "x:y"), Map.entry("C", "3"),
        Map.entry("D", "4"));
    assertThat(exec.command).containsExactly("ruby", "puts 1");
    // Thor would take the command too (its key would be "bin/rails db"): a word is a pair only after a name
    exec = parsed("app", "exec", "-e", "RAILS_ENV:test", "bin/rails db:migrate");
    assertThat(exec.env).containsExactly(Map.entry("RAILS_ENV", "test"));
    assertThat(exec.command).containsExactly("bin/rails db:migrate");
  }

  @Test
  void appExecEnvWithoutAPairIsAUsageError() {
    Outcome outcome = KamalCommandLineTest.run("app", "exec", "-e", "JUST_A_NAME", "ls");
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.output()).startsWith("ERROR: -e/--env takes KEY:VALUE or KEY=VALUE, not 'JUST_A_NAME'");
  }

  // Kamal's lib/kamal/cli/app.rb:100-110 and test/cli/app_test.rb:370-405: refused before anything is read or run
  // (no configuration exists in the test's working directory, so reaching it would fail differently)
  @Test
  void appExecRefusesIncompatibleOptionsInKamalsWords() {
    assertRefused("Detach is not compatible with reuse", "app", "exec", "--detach", "--reuse", "ruby -v");
    assertRefused("Detach is not compatible with interactive", "app", "exec", "--interactive", "--detach",
        "ruby -v");
    assertRefused("Detach is not compatible with interactive or reuse", "app", "exec", "-i", "--detach",
        "--reuse", "ruby -v");
    assertRefused("Raw is not compatible with interactive", "app", "exec", "--raw", "-i", "ruby -v");
    assertRefused("Raw is not compatible with detach", "app", "exec", "--raw", "--detach", "ruby -v");
    assertRefused("No command provided. You must specify a command to execute.", "app", "exec");
    assertRefused("No command provided. You must specify a command to execute.", "app", "exec", "--reuse");
  }

  private static void assertRefused(String message, String... args) {
    Outcome outcome = KamalCommandLineTest.run(args);
    assertThat(outcome.exitCode()).as(String.join(" ", args)).isEqualTo(2);
    assertThat(outcome.output().strip()).as(String.join(" ", args)).isEqualTo("ERROR: app exec: " + message);
  }

  // Kamal's lib/kamal/cli/app.rb:203-204: -T/--skip-timestamps and --container-id (Thor takes _ for -)
  @Test
  void appLogsTakesSkipTimestampsAndContainerId() {
    AppLogsCommand logs = parsed("app", "logs", "-T", "--container-id", "C137");
    assertThat(logs.log.skipTimestamps).isTrue();
    assertThat(logs.containerId).isEqualTo("C137");
    logs = parsed("app", "logs", "--skip_timestamps", "--container_id", "C138");
    assertThat(logs.log.skipTimestamps).isTrue();
    assertThat(logs.containerId).isEqualTo("C138");
    assertThat(((AppLogsCommand) parsed("app", "logs")).log.skipTimestamps).isFalse();
  }

  // Thor answers `kamal app foo --help` with "Could not find command", not with app's usage
  @Test
  void anUnknownSubcommandWithHelpIsUnknownNotTheGroupsUsage() {
    for (List<String> line : List.of(List.of("app", "foo", "--help"), List.of("--help", "app", "foo"),
        List.of("-c", "x.yml", "app", "foo", "--help"))) {
      Outcome outcome = KamalCommandLineTest.run(line.toArray(String[]::new));
      assertThat(outcome.exitCode()).as(line.toString()).isEqualTo(2);
      assertThat(outcome.output()).as(line.toString()).startsWith("ERROR: unknown command `sextant app foo`")
          .doesNotContain("Usage:");
    }
    Outcome proxy = KamalCommandLineTest.run("proxy", "nope", "--help");
    assertThat(proxy.output()).startsWith("ERROR: unknown command `sextant proxy nope`");
    assertThat(KamalCommandLineTest.run("app", "exec", "--help").output()).startsWith("Usage: sextant app exec");
    assertThat(KamalCommandLineTest.run("server", "exec", "ls", "--help").output())
        .startsWith("Usage: sextant server exec");
  }
}

package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SubcommandsTest {
  private static CommandLine registered(String... args) {
    CommandLine root = new CommandLine(new SextantCommand());
    Subcommands.register(root, SextantCommand.SUBCOMMANDS, args);
    return root;
  }

  @Test
  void theConnectingWordsAreTheNamesOfTheConnectingCommands() {
    assertThat(SextantCommand.CONNECTING_WORDS).containsExactlyInAnyOrderElementsOf(
        SextantCommand.CONNECTING.stream().flatMap(command -> Subcommands.names(command).stream()).toList());
  }

  @Test
  void registersOnlyTheNamedSubcommand() {
    assertThat(registered("version").getSubcommands()).containsOnlyKeys("version");
    assertThat(registered("hooks", "list").getSubcommands()).containsOnlyKeys("hooks");
    assertThat(registered("hooks", "list").getSubcommands().get("hooks").getSubcommands())
        .containsKeys("list", "env", "run", "validate", "history");
  }

  @Test
  void skipsGlobalOptionsAndTheirValuesBeforeTheCommand() {
    assertThat(registered("-d", "version", "config").getSubcommands()).containsOnlyKeys("config");
    assertThat(registered("--config-file", "init", "-v", "config").getSubcommands()).containsOnlyKeys("config");
    assertThat(registered("--destination=version", "-q", "init").getSubcommands()).containsOnlyKeys("init");
    assertThat(registered("-vd", "version", "hooks").getSubcommands()).containsOnlyKeys("hooks");
    assertThat(registered("-dversion", "init").getSubcommands()).containsOnlyKeys("init");
  }

  @Test
  void registersEverySubcommandWhenNoneIsNamed() {
    String[][] lines = {{}, {"--help"}, {"-v"}, {"nonsense"}, {"--", "version"}};
    for (String[] args : lines) {
      assertThat(registered(args).getSubcommands().keySet())
          .as(String.join(" ", args))
          .containsExactlyElementsOf(SextantCommand.SUBCOMMANDS.stream()
              .map(c -> c.getAnnotation(CommandLine.Command.class).name()).toList());
    }
  }

  @Test
  void rootHelpStillListsEveryCommand() {
    StringWriter out = new StringWriter();
    CommandLine root = registered("--help");
    root.setOut(new PrintWriter(out));
    assertThat(root.execute("--help")).isZero();
    assertThat(out.toString()).contains("version", "init", "config", "hooks", "lock", "server", "deploy");
  }

  @Test
  void globalOptionsReachALazilyRegisteredCommand() {
    CommandLine root = registered("-q", "version", "-v");
    root.parseArgs("-q", "version", "-v");
    GlobalOptions global = ((SextantCommand) root.getCommand()).global();
    assertThat(global.quiet()).isTrue();
    assertThat(global.verbose()).isTrue();
  }

  @Test
  void theAgentSwitchIsAGlobalFlagBeforeOrAfterTheCommandWords() {
    String[][] lines = {{"--no-agent", "lock", "status"}, {"lock", "status", "--no-agent"}, {"lock", "--agent",
        "status"}, {"lock", "status"}};
    Boolean[] expected = {false, false, true, null};
    for (int i = 0; i < lines.length; i++) {
      CommandLine root = registered(lines[i]);
      root.parseArgs(lines[i]);
      assertThat(((SextantCommand) root.getCommand()).global().agent()).as(String.join(" ", lines[i]))
          .isEqualTo(expected[i]);
    }
  }

  @Test
  void theRootAnnotationListsNoSubcommandsSoTheyAreNotBuiltEagerly() {
    assertThat(SextantCommand.class.getAnnotation(CommandLine.Command.class).subcommands()).isEmpty();
  }

  @Test
  void everyListedCommandHasACommandAnnotation() {
    for (Class<?> command : SextantCommand.SUBCOMMANDS) {
      assertThat(command.getAnnotation(CommandLine.Command.class)).as(command.getName()).isNotNull();
    }
  }
}

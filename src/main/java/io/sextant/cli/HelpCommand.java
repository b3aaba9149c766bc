package io.sextant.cli;

import io.sextant.SextantException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code help [COMMAND...]}: the usage of the command the words name, as Thor's {@code kamal help deploy}
 * (picocli's own help command cannot be used: its {@code -h} clashes with Kamal's {@code -h/--hosts}).
 */
@Command(name = "help", description = "Show the commands, or the options of one (help app exec).")
final class HelpCommand implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command words.")
  List<String> words = List.of();

  @Override
  public Integer call() {
    CommandLine command = spec.commandLine().getParent();
    for (String word : words) {
      CommandLine sub = command.getSubcommands().get(word);
      if (sub == null) {
        String missing = MissingCommands.explain(command, words.subList(words.indexOf(word), words.size()));
        command.getErr().println("ERROR: " + (missing == null ? "unknown command " + word : missing));
        command.getErr().flush();
        return SextantException.USAGE_OR_CONFIG;
      }
      command = sub;
    }
    command.usage(spec.commandLine().getOut());
    return 0;
  }
}

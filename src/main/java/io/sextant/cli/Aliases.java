package io.sextant.cli;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Kamal's {@code aliases}: {@code sextant NAME [ARGS]} runs the alias's command words with ARGS after them, and
 * the global options of the whole line ({@code -d}, {@code -c}, {@code -r}, ...) apply to it, as in Kamal
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/alias/command.rb). The configuration is read
 * only when the first word names no command, so commands pay nothing for aliases.
 */
final class Aliases {
  /** An alias may name another alias; a chain this long is a loop. */
  private static final int MAX_DEPTH = 10;

  private Aliases() {}

  /** {@code args} with the alias its first word names expanded, or {@code args} itself when it names none. */
  static String[] expand(String[] args, Path workingDir, Map<String, String> environment) {
    String[] current = args;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      CommandLine root = new CommandLine(new SextantCommand());
      int at = Subcommands.firstWordIndex(root, current);
      if (at < 0 || isCommand(current[at])) {
        return current;
      }
      String command = aliasCommand(current, current[at], workingDir, environment);
      if (command == null) {
        return current;
      }
      List<String> expanded = new ArrayList<>(Arrays.asList(current).subList(0, at));
      expanded.addAll(words(command, current[at]));
      expanded.addAll(Arrays.asList(current).subList(at + 1, current.length));
      current = expanded.toArray(String[]::new);
    }
    throw new ConfigurationException("aliases: more than " + MAX_DEPTH + " aliases name each other in `"
        + String.join(" ", args) + "` (an alias loop)");
  }

  /** A Sextant command or one of Kamal's (which no alias may shadow, and which has its own error when missing). */
  private static boolean isCommand(String word) {
    return ConfigLoader.isCommandName(word)
        || SextantCommand.SUBCOMMANDS.stream().anyMatch(c -> Subcommands.names(c).contains(word));
  }

  /** The alias's command from the configuration the line's -c/-d select, or null (no such alias, no config). */
  private static String aliasCommand(String[] args, String name, Path workingDir,
      Map<String, String> environment) {
    OptionsOnly parsed = new OptionsOnly();
    CommandLine parser = new CommandLine(parsed);
    parser.setUnmatchedArgumentsAllowed(true);
    try {
      parser.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      return null; // picocli reports the bad option when it parses the line for real
    }
    ConfigRequest request = new ConfigRequest(workingDir, parsed.global.configFile(), parsed.global.destination(), null,
        environment);
    if (!Files.isRegularFile(request.configPath())) {
      return null;
    }
    return ConfigLoader.load(request).config().aliases().get(name);
  }

  /** The global options alone, to read -c and -d off a line whose command is not known yet. */
  @CommandLine.Command(name = "sextant")
  static final class OptionsOnly {
    @CommandLine.Mixin GlobalOptions global = new GlobalOptions();
  }

  /** Splits an alias's command into words as a POSIX shell would (quotes and backslashes), without expanding. */
  static List<String> words(String command, String name) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      if (c == '\'') {
        int end = command.indexOf('\'', i + 1);
        if (end < 0) {
          throw unmatchedQuote(name);
        }
        word.append(command, i + 1, end);
        i = end;
      } else if (c == '"') {
        i++;
        while (i < command.length() && command.charAt(i) != '"') {
          if (command.charAt(i) == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
            i++;
          }
          word.append(command.charAt(i));
          i++;
        }
        if (i >= command.length()) {
          throw unmatchedQuote(name);
        }
      } else if (c == '\\' && i + 1 < command.length()) {
        word.append(command.charAt(++i));
      } else {
        word.append(c);
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    if (words.isEmpty()) {
      throw new ConfigurationException("aliases/" + name + ": the alias has no command words");
    }
    return words;
  }

  private static ConfigurationException unmatchedQuote(String name) {
    return new ConfigurationException("aliases/" + name + ": unmatched quote in the alias's command");
  }
}

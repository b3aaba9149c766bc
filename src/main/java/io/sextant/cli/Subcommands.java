package io.sextant.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Registers the root command's subcommands on demand. When the command line names a subcommand (its first word
 * that is neither an option nor an option's value), only that one is registered; otherwise (no command, help, an
 * unknown word, {@code help}) all are, so help and "did you mean" suggestions stay complete. Picocli builds the model of every
 * registered command, its options and its nested subcommands up front; skipping the others saves start-up time.
 */
final class Subcommands {
  private Subcommands() {}

  /**
   * Adds to {@code root} the subcommands that {@code args} needs, from {@code candidates}; returns the one the
   * command line names, or null when it names none (then all were added).
   */
  static Class<?> register(CommandLine root, List<Class<?>> candidates, String[] args) {
    String word = firstWord(root, args);
    if (word != null) {
      for (Class<?> candidate : candidates) {
        if (names(candidate).contains(word) && candidate != HelpCommand.class) {
          root.addSubcommand(candidate);
          return candidate;
        }
      }
    }
    candidates.forEach(root::addSubcommand);
    return null;
  }

  /** The first argument that is not an option or an option's value, or null when there is none (or after --). */
  static String firstWord(CommandLine root, String[] args) {
    int at = firstWordIndex(root, args);
    return at < 0 ? null : args[at];
  }

  /** The index of {@link #firstWord}, or -1. */
  static int firstWordIndex(CommandLine root, String[] args) {
    return firstWordIndex(root, args, 0);
  }

  /**
   * The index of the first word, from {@code from} on, that names no subcommand of the command group it follows
   * ({@code app foo}), or -1; a command's own arguments ({@code app exec ls}) and {@code help} are not counted.
   */
  static int unknownSubcommandIndex(CommandLine root, String[] args) {
    CommandLine current = root;
    for (int at = firstWordIndex(root, args, 0); at >= 0; at = firstWordIndex(current, args, at + 1)) {
      if (current.getSubcommands().isEmpty() || args[at].equals("help")) {
        return -1;
      }
      CommandLine sub = current.getSubcommands().get(args[at]);
      if (sub == null) {
        return at;
      }
      current = sub;
    }
    return -1;
  }

  /** The index of the first word of {@code command}'s arguments from {@code from} on, or -1. */
  private static int firstWordIndex(CommandLine command, String[] args, int from) {
    Map<String, OptionSpec> options = command.getCommandSpec().optionsMap();
    for (int i = from; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return -1;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        return i;
      }
      if (arg.contains("=")) {
        continue; // --option=value or -cvalue=...: the value is attached
      }
      OptionSpec option = options.get(arg);
      if (option != null) {
        if (takesValue(option)) {
          i++;
        }
        continue;
      }
      if (!arg.startsWith("--") && arg.length() > 2 && clusterEndsWithValueOption(options, arg)) {
        i++;
      }
    }
    return -1;
  }

  /** {@code -vc FILE}: short options clustered, the last of which takes the next argument as its value. */
  private static boolean clusterEndsWithValueOption(Map<String, OptionSpec> options, String arg) {
    for (int c = 1; c < arg.length(); c++) {
      OptionSpec option = options.get("-" + arg.charAt(c));
      if (option == null) {
        return false;
      }
      if (takesValue(option)) {
        return c == arg.length() - 1; // otherwise the rest of the cluster is its value
      }
    }
    return false;
  }

  private static boolean takesValue(OptionSpec option) {
    return option.arity().max() > 0 && !option.typeInfo().isBoolean();
  }

  static List<String> names(Class<?> command) {
    Command annotation = command.getAnnotation(Command.class);
    if (annotation == null) {
      return List.of();
    }
    String[] aliases = annotation.aliases();
    String[] all = new String[aliases.length + 1];
    all[0] = annotation.name();
    System.arraycopy(aliases, 0, all, 1, aliases.length);
    return List.of(all);
  }
}

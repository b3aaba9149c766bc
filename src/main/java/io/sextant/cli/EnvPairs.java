package io.sextant.cli;

import java.util.Map;
import java.util.Stack;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The values of {@code app exec -e}: Kamal's {@code --env} is a Thor hash, {@code -e KEY:VALUE [KEY:VALUE...]};
 * Sextant also takes {@code KEY=VALUE}, and {@code -e} may be repeated. Thor takes every following word that holds a
 * colon, so it swallows a command such as {@code 'bin/rails db:migrate'}; here a following word is taken only when it
 * starts with a variable name and a colon.
 */
final class EnvPairs implements IParameterConsumer {
  private static final Pattern FIRST = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)[:=](.*)", Pattern.DOTALL);
  private static final Pattern MORE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*):(.*)", Pattern.DOTALL);

  @Override
  public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
    Map<String, String> env = argSpec.getValue();
    if (args.isEmpty()) {
      throw new ParameterException(commandSpec.commandLine(), "Missing KEY:VALUE after -e/--env");
    }
    String word = args.pop();
    Matcher first = FIRST.matcher(word);
    if (!first.matches()) {
      throw new ParameterException(commandSpec.commandLine(),
          "-e/--env takes KEY:VALUE or KEY=VALUE, not '" + word + "'");
    }
    env.put(first.group(1), first.group(2));
    while (!args.isEmpty() && !args.peek().startsWith("-")) {
      Matcher more = MORE.matcher(args.peek());
      if (!more.matches()) {
        break;
      }
      args.pop();
      env.put(more.group(1), more.group(2));
    }
  }
}

package io.sextant.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A port of the {@code dotenv} 3.2 gem's parser as Kamal uses it for {@code .kamal/secrets} ({@code overwrite:
 * true}, Kamal's inline command substitution): {@code KEY=value} / {@code export KEY=value} / {@code KEY: value},
 * comments, single quotes (literal), double quotes (multi-line, escapes undone, {@code \n} kept as backslash-n
 * unless {@code DOTENV_LINEBREAK_MODE=legacy}), then {@code $(command)} substitution, then {@code $VAR} and
 * {@code ${VAR}} from earlier keys of the same file, else the environment, else empty.
 *
 * <p>Unlike the gem, which silently skips lines it cannot read, a malformed line is an error naming the file and
 * line. A {@code $(command)} that fails does not stop the file: its key (and every later value that uses it)
 * is recorded as failed, with the file, line and reason, so that only a command needing that key fails.
 */
final class DotenvParser {
  /** Runs one {@code $(command)}; returns its standard output. */
  @FunctionalInterface
  interface CommandRunner {
    /** @throws CommandFailed when the command fails (its key is then recorded as failed) */
    String run(String command, String file, int line);
  }

  /** A {@code $(command)} that failed; the message says why, without the command's arguments. */
  static final class CommandFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailed(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * The keys read, in file order, and the keys whose value could not be computed, each with a one-line message
   * naming the file, line and key.
   */
  record Parsed(Map<String, String> values, Map<String, String> failures) {}

  /**
   * The gem's {@code Dotenv::Parser::LINE}. Its quoted-value parts {@code (?:\\'|[^'])*} are rewritten to the
   * same language as {@code (?:[^'\\]++|\\'?)*}, so Java's regex engine does not recurse once per character
   * (a long PEM key in double quotes would overflow the stack).
   */
  private static final Pattern LINE = Pattern.compile(
      "(?m)(?:^|\\A)\\s*(export\\s+)?([\\w.]+)(?:(?:\\s*=\\s*?|:\\s+?)"
          + "(\\s*'(?:[^'\\\\]++|\\\\'?)*'|\\s*\"(?:[^\"\\\\]++|\\\\\"?)*\"|[^#\\n]+)?)?\\s*(?:#.*)?(?:$|\\z)");
  private static final Pattern UNESCAPE = Pattern.compile("\\\\([^$])");
  private static final Pattern VARIABLE = Pattern.compile("(\\\\)?(\\$)(?!\\()\\{?([A-Z0-9_]+)?\\}?",
      Pattern.CASE_INSENSITIVE);
  /** Regex steps allowed per file before we call the input pathological (backtracking). */
  private static final long STEP_BUDGET = 20_000_000L;

  private final String file;
  private final Function<String, String> environment;
  private final CommandRunner commands;
  private final Map<String, String> hash = new LinkedHashMap<>();
  private final Map<String, String> failures = new LinkedHashMap<>();
  private final Map<String, Integer> failedLines = new LinkedHashMap<>();
  private String text;
  private int currentLine;

  private DotenvParser(String file, Function<String, String> environment, CommandRunner commands) {
    this.file = file;
    this.environment = environment;
    this.commands = commands;
  }

  /**
   * Parses {@code content} (the file {@code file}, as named in messages) into an ordered map of keys to values.
   * {@code environment} looks up variables not defined earlier in the file.
   */
  static Map<String, String> parse(String content, String file, Function<String, String> environment,
      CommandRunner commands) {
    Parsed parsed = read(content, file, environment, commands);
    parsed.failures().values().stream().findFirst().ifPresent(failure -> {
      throw new ConfigurationException(failure);
    });
    return parsed.values();
  }

  /** As {@link #parse}, but a failed {@code $(command)} only marks its key as failed. */
  static Parsed read(String content, String file, Function<String, String> environment, CommandRunner commands) {
    DotenvParser parser = new DotenvParser(file, environment, commands);
    parser.run(content);
    return new Parsed(parser.hash, parser.failures);
  }

  private void run(String content) {
    text = content.replace("\r\n", "\n").replace('\r', '\n');
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try {
      scan();
    } catch (StackOverflowError e) {
      throw new ConfigurationException(file + ": too complex to parse (check its quotes and backslashes)");
    }
  }

  private void scan() {
    Matcher matcher = LINE.matcher(new BudgetedText(text, STEP_BUDGET, file));
    int covered = 0;
    while (matcher.find()) {
      checkGap(covered, matcher.start());
      covered = matcher.end();
      currentLine = lineOf(matcher.start(2));
      String export = matcher.group(1);
      String key = matcher.group(2);
      String value = matcher.group(3);
      if (export != null && value == null) {
        if (!hash.containsKey(key)) {
          throw new ConfigurationException(file + ":" + currentLine + ": Line \"" + matcher.group(0).strip()
              + "\" has an unset variable");
        }
        continue;
      }
      try {
        hash.put(key, parseValue(value == null ? "" : value));
        failures.remove(key);
        failedLines.remove(key);
      } catch (CommandFailed failed) {
        hash.remove(key);
        failures.put(key, file + ":" + currentLine + ": secret " + key + ": " + failed.getMessage());
        failedLines.put(key, currentLine);
      }
    }
    checkGap(covered, text.length());
  }

  /** Text the line pattern skipped must be blank or comments; anything else is a malformed line. */
  private void checkGap(int from, int to) {
    int lineStart = from;
    for (int i = from; i <= to; i++) {
      if (i == to || text.charAt(i) == '\n') {
        String line = text.substring(lineStart, i).strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          throw new ConfigurationException(file + ":" + lineOf(lineStart)
              + ": malformed line " + quoteForMessage(line) + " (expected KEY=value)");
        }
        lineStart = i + 1;
      }
    }
  }

  private static String quoteForMessage(String line) {
    // Never echo a whole malformed line: it may hold a secret. Show only what looks like its key.
    Matcher key = Pattern.compile("^(export\\s+)?[\\w.]{1,64}").matcher(line);
    return key.find() ? "starting with `" + key.group() + "`" : "(no KEY= at its start)";
  }

  private int lineOf(int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private String parseValue(String raw) {
    String value = raw.strip();
    char quote = 0;
    if (value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"')
        && value.charAt(value.length() - 1) == value.charAt(0)) {
      quote = value.charAt(0);
      value = value.substring(1, value.length() - 1);
    }
    if (quote == '"') {
      value = expandNewlines(value);
    }
    if (quote != '\'') {
      value = UNESCAPE.matcher(value).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
      value = substituteCommands(value);
      value = substituteVariables(value);
    }
    return value;
  }

  private String expandNewlines(String value) {
    String mode = hash.containsKey("DOTENV_LINEBREAK_MODE") ? hash.get("DOTENV_LINEBREAK_MODE")
        : environment.apply("DOTENV_LINEBREAK_MODE");
    if ("legacy".equals(mode)) {
      return value.replace("\\n", "\n").replace("\\r", "\r");
    }
    return value.replace("\\n", "\\\\n").replace("\\r", "\\\\r");
  }

  private String substituteVariables(String value) {
    Matcher matcher = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (matcher.group(1) != null) {
        replacement = matcher.group().substring(1);
      } else if (matcher.group(3) != null) {
        String name = matcher.group(3);
        if (!hash.containsKey(name) && failedLines.containsKey(name)) {
          throw new CommandFailed("uses $" + name + ", which could not be read (" + file + ":"
              + failedLines.get(name) + ")");
        }
        String found = hash.containsKey(name) ? hash.get(name) : environment.apply(name);
        replacement = found == null ? "" : found;
      } else {
        replacement = matcher.group();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** {@code $(command)} with balanced parentheses (Kamal's recursive pattern), {@code \$(...)} kept literal. */
  private String substituteCommands(String value) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      int start = i;
      boolean escaped = false;
      int dollar = i;
      if (value.charAt(i) == '\\' && i + 1 < value.length() && value.charAt(i + 1) == '$') {
        escaped = true;
        dollar = i + 1;
      }
      int end = value.charAt(dollar) == '$' ? commandEnd(value, dollar + 1) : -1;
      if (end < 0) {
        out.append(value.charAt(i));
        i++;
        continue;
      }
      if (escaped) {
        out.append(value, start + 1, end);
      } else {
        String command = substituteVariables(value.substring(dollar + 2, end - 1));
        out.append(chomp(commands.run(command, file, currentLine)));
      }
      i = end;
    }
    return out.toString();
  }

  /**
   * End (exclusive) of the {@code (...)} group at {@code open} as Kamal's pattern reads it
   * ({@code \( (?:\\.|[^()\\]|\g<cmd>)+ \)}): a backslash escapes the next character (a parenthesis
   * too), nested groups are balanced and, like the whole, not empty; -1 when there is no such group.
   */
  private static int commandEnd(String value, int open) {
    if (open >= value.length() || value.charAt(open) != '(') {
      return -1;
    }
    int i = open + 1;
    boolean empty = true;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == ')') {
        return empty ? -1 : i + 1;
      }
      if (c == '\\') {
        // Ruby's "." does not match a newline
        if (i + 1 >= value.length() || value.charAt(i + 1) == '\n') {
          return -1;
        }
        i += 2;
      } else if (c == '(') {
        i = commandEnd(value, i);
        if (i < 0) {
          return -1;
        }
      } else {
        i++;
      }
      empty = false;
    }
    return -1;
  }

  private static String chomp(String output) {
    if (output.endsWith("\r\n")) {
      return output.substring(0, output.length() - 2);
    }
    if (output.endsWith("\n") || output.endsWith("\r")) {
      return output.substring(0, output.length() - 1);
    }
    return output;
  }

  /** Text that fails the parse when the regex engine backtracks too much (pathological quoting). */
  private static final class BudgetedText implements CharSequence {
    private final String text;
    private final String file;
    private final long[] budget;

    BudgetedText(String text, long budget, String file) {
      this(text, new long[] {budget}, file);
    }

    private BudgetedText(String text, long[] budget, String file) {
      this.text = text;
      this.budget = budget;
      this.file = file;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if (--budget[0] < 0) {
        throw new ConfigurationException(file + ": too complex to parse (check its quotes)");
      }
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.substring(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}

package kamalproxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kamal-proxy's command line (its cobra commands and pflag flags, v0.9.2 {@code internal/cmd/*.go}): the same
 * subcommands, flags, defaults, aliases and error texts, so a command Kamal sends is accepted or refused exactly as
 * upstream would. Parsing only; {@link Invocation} carries the result.
 */
final class Cli {
  /** What a flag holds; decides how its text is parsed. */
  enum Kind { BOOL, STRING, SLICE, DURATION, INT }

  record Flag(String name, Kind kind, Object defaultValue) {
  }

  /** One subcommand: its path ("rollout deploy"), aliases, positional-argument rule and flags. */
  record Command(String path, List<String> aliases, Integer exactArgs, List<Flag> flags, List<String> required) {
    Flag flag(String name) {
      for (Flag flag : flags) {
        if (flag.name().equals(name)) {
          return flag;
        }
      }
      return null;
    }
  }

  /** A parsed command line: the command, its positional arguments, every flag's value and which were given. */
  record Invocation(Command command, List<String> args, Map<String, Object> values, Set<String> changed) {
    String name() {
      return command.path();
    }

    boolean bool(String flag) {
      return (Boolean) values.get(flag);
    }

    String string(String flag) {
      return (String) values.get(flag);
    }

    Duration duration(String flag) {
      return (Duration) values.get(flag);
    }

    long number(String flag) {
      return (Long) values.get(flag);
    }

    @SuppressWarnings("unchecked")
    List<String> list(String flag) {
      return (List<String>) values.get(flag);
    }

    boolean changed(String flag) {
      return changed.contains(flag);
    }
  }

  /** A command line kamal-proxy would refuse; the message is cobra's/pflag's. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /** Asked for help: the text to print, exit 0. */
  static final class HelpRequested extends Exception {
    HelpRequested(String text) {
      super(text);
    }
  }

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  static final String DEFAULT_ACME_CACHE = "/home/kamal-proxy/.config/kamal-proxy/certs";

  static final List<Command> COMMANDS = List.of(
      new Command("run", List.of(), null, List.of(
          new Flag("debug", Kind.BOOL, Environment.bool("DEBUG", false)),
          new Flag("http-port", Kind.INT, Environment.number("HTTP_PORT", 80)),
          new Flag("https-port", Kind.INT, Environment.number("HTTPS_PORT", 443)),
          new Flag("metrics-port", Kind.INT, Environment.number("METRICS_PORT", 0)),
          new Flag("http3", Kind.BOOL, false)), List.of()),
      new Command("deploy", List.of(), 1, List.of(
          new Flag("target", Kind.SLICE, List.of()),
          new Flag("read-target", Kind.SLICE, List.of()),
          new Flag("host", Kind.SLICE, List.of()),
          new Flag("path-prefix", Kind.SLICE, List.of()),
          new Flag("strip-path-prefix", Kind.BOOL, true),
          new Flag("tls", Kind.BOOL, false),
          new Flag("tls-staging", Kind.BOOL, false),
          new Flag("tls-certificate-path", Kind.STRING, ""),
          new Flag("tls-private-key-path", Kind.STRING, ""),
          new Flag("tls-acme-cache-path", Kind.STRING, DEFAULT_ACME_CACHE),
          new Flag("tls-redirect", Kind.BOOL, true),
          new Flag("canonical-host", Kind.STRING, ""),
          new Flag("deploy-timeout", Kind.DURATION, DEFAULT_TIMEOUT),
          new Flag("drain-timeout", Kind.DURATION, DEFAULT_TIMEOUT),
          new Flag("force", Kind.BOOL, false),
          new Flag("health-check-interval", Kind.DURATION, Duration.ofSeconds(1)),
          new Flag("health-check-timeout", Kind.DURATION, Duration.ofSeconds(5)),
          new Flag("health-check-path", Kind.STRING, "/up"),
          new Flag("health-check-port", Kind.INT, 0L),
          new Flag("health-check-host", Kind.STRING, ""),
          new Flag("writer-affinity-timeout", Kind.DURATION, Duration.ofSeconds(1)),
          new Flag("read-target-websockets", Kind.BOOL, false),
          new Flag("target-timeout", Kind.DURATION, DEFAULT_TIMEOUT),
          new Flag("buffer-requests", Kind.BOOL, false),
          new Flag("buffer-responses", Kind.BOOL, false),
          new Flag("buffer-memory", Kind.INT, 1024L * 1024L),
          new Flag("max-request-body", Kind.INT, 0L),
          new Flag("max-response-body", Kind.INT, 0L),
          new Flag("error-pages", Kind.STRING, ""),
          new Flag("log-request-header", Kind.SLICE, List.of()),
          new Flag("log-response-header", Kind.SLICE, List.of()),
          new Flag("forward-headers", Kind.BOOL, false),
          new Flag("scope-cookie-paths", Kind.BOOL, false)), List.of("target")),
      new Command("remove", List.of("rm"), 1, List.of(), List.of()),
      new Command("pause", List.of(), 1, List.of(
          new Flag("drain-timeout", Kind.DURATION, DEFAULT_TIMEOUT),
          new Flag("max-pause", Kind.DURATION, DEFAULT_TIMEOUT)), List.of()),
      new Command("stop", List.of(), 1, List.of(
          new Flag("drain-timeout", Kind.DURATION, DEFAULT_TIMEOUT),
          new Flag("message", Kind.STRING, "")), List.of()),
      new Command("resume", List.of(), 1, List.of(), List.of()),
      new Command("list", List.of("ls"), 0, List.of(), List.of()),
      new Command("rollout deploy", List.of(), 1, List.of(
          new Flag("target", Kind.SLICE, List.of()),
          new Flag("read-target", Kind.SLICE, List.of()),
          new Flag("deploy-timeout", Kind.DURATION, DEFAULT_TIMEOUT),
          new Flag("drain-timeout", Kind.DURATION, DEFAULT_TIMEOUT)), List.of("target")),
      new Command("rollout set", List.of(), 1, List.of(
          new Flag("percent", Kind.INT, 0L),
          new Flag("list", Kind.SLICE, List.of())), List.of()),
      new Command("rollout stop", List.of(), 1, List.of(), List.of()));

  private Cli() {
  }

  /** Parses {@code argv} (without the program name) as kamal-proxy would. */
  static Invocation parse(List<String> argv) throws UsageException, HelpRequested {
    if (argv.isEmpty() || argv.get(0).equals("help") || argv.get(0).equals("-h") || argv.get(0).equals("--help")) {
      throw new HelpRequested(usage());
    }
    String first = argv.get(0);
    int consumed = 1;
    String path = first;
    if (first.equals("rollout")) {
      if (argv.size() < 2 || argv.get(1).startsWith("-")) {
        throw new HelpRequested("Manage rollout settings\n\nAvailable Commands: deploy, set, stop\n");
      }
      path = "rollout " + argv.get(1);
      consumed = 2;
    }
    Command command = find(path);
    if (command == null) {
      String parent = path.startsWith("rollout ") ? "kamal-proxy rollout" : "kamal-proxy";
      String word = path.startsWith("rollout ") ? argv.get(1) : first;
      throw new UsageException("unknown command \"" + word + "\" for \"" + parent + "\"");
    }
    return parseFlags(command, argv.subList(consumed, argv.size()));
  }

  private static Command find(String path) {
    for (Command command : COMMANDS) {
      if (command.path().equals(path) || command.aliases().contains(path)) {
        return command;
      }
    }
    return null;
  }

  private static Invocation parseFlags(Command command, List<String> rest) throws UsageException, HelpRequested {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Flag flag : command.flags()) {
      values.put(flag.name(), flag.defaultValue());
    }
    Set<String> changed = new HashSet<>();
    List<String> args = new ArrayList<>();
    for (int i = 0; i < rest.size(); i++) {
      String word = rest.get(i);
      if (word.equals("--")) {
        args.addAll(rest.subList(i + 1, rest.size()));
        break;
      }
      if (word.equals("-h") || word.equals("--help")) {
        throw new HelpRequested(commandUsage(command));
      }
      if (word.startsWith("--")) {
        String body = word.substring(2);
        int eq = body.indexOf('=');
        String name = eq >= 0 ? body.substring(0, eq) : body;
        Flag flag = command.flag(name);
        if (flag == null) {
          throw new UsageException("unknown flag: --" + name);
        }
        String text;
        if (eq >= 0) {
          text = body.substring(eq + 1);
        } else if (flag.kind() == Kind.BOOL) {
          text = "true";
        } else if (i + 1 < rest.size()) {
          text = rest.get(++i);
        } else {
          throw new UsageException("flag needs an argument: --" + name);
        }
        Object value = convert(flag, text, changed.contains(name) ? values.get(name) : null);
        values.put(name, value);
        changed.add(name);
      } else if (word.startsWith("-") && word.length() > 1) {
        throw new UsageException("unknown shorthand flag: '" + word.charAt(1) + "' in " + word);
      } else {
        args.add(word);
      }
    }
    checkArgs(command, args);
    for (String required : command.required()) {
      if (!changed.contains(required)) {
        throw new UsageException("required flag(s) \"" + required + "\" not set");
      }
    }
    return new Invocation(command, List.copyOf(args), values, Set.copyOf(changed));
  }

  private static void checkArgs(Command command, List<String> args) throws UsageException {
    Integer exact = command.exactArgs();
    if (exact == null) {
      return;
    }
    if (exact == 0 && !args.isEmpty()) {
      throw new UsageException("unknown command \"" + args.get(0) + "\" for \"kamal-proxy " + command.path() + "\"");
    }
    if (args.size() != exact) {
      throw new UsageException("accepts " + exact + " arg(s), received " + args.size());
    }
  }

  private static Object convert(Flag flag, String text, Object previous) throws UsageException {
    try {
      switch (flag.kind()) {
        case BOOL:
          return parseBool(text);
        case STRING:
          return text;
        case DURATION:
          return GoDuration.parse(text);
        case INT:
          return Long.decode(text);
        case SLICE:
          List<String> list = new ArrayList<>();
          if (previous != null) {
            @SuppressWarnings("unchecked")
            List<String> earlier = (List<String>) previous;
            list.addAll(earlier);
          }
          if (!text.isEmpty()) {
            list.addAll(Arrays.asList(text.split(",", -1)));
          }
          return List.copyOf(list);
        default:
          throw new IllegalStateException(flag.kind().toString());
      }
    } catch (IllegalArgumentException e) {
      String reason = e instanceof NumberFormatException
          ? "strconv.ParseInt: parsing \"" + text + "\": invalid syntax" : e.getMessage();
      throw new UsageException("invalid argument \"" + text + "\" for \"--" + flag.name() + "\" flag: " + reason);
    }
  }

  /** Go's strconv.ParseBool. */
  static boolean parseBool(String text) {
    switch (text) {
      case "1": case "t": case "T": case "true": case "TRUE": case "True":
        return true;
      case "0": case "f": case "F": case "false": case "FALSE": case "False":
        return false;
      default:
        throw new IllegalArgumentException("strconv.ParseBool: parsing \"" + text + "\": invalid syntax");
    }
  }

  static String usage() {
    StringBuilder text = new StringBuilder("HTTP proxy for zero downtime deployments\n\nUsage:\n  kamal-proxy [command]\n\n"
        + "Available Commands:\n");
    for (Command command : COMMANDS) {
      if (!command.path().startsWith("rollout ")) {
        text.append("  ").append(command.path()).append('\n');
      }
    }
    return text.append("  rollout\n").toString();
  }

  private static String commandUsage(Command command) {
    StringBuilder text = new StringBuilder("Usage:\n  kamal-proxy " + command.path()
        + (command.exactArgs() != null && command.exactArgs() == 1 ? " <service>" : "") + " [flags]\n\nFlags:\n");
    for (Flag flag : command.flags()) {
      text.append("      --").append(flag.name()).append('\n');
    }
    return text.toString();
  }
}

package io.sextant.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several remote steps run in one exec (one round trip) that still report which step failed, as separate execs
 * would. Pure: {@link #render()} gives the POSIX shell text, {@link #read} reads what it printed.
 *
 * <p>How the script reports: steps run in order; the first one that fails stops the script, which prints
 * {@code sextant: step N failed (exit S)} on stderr, then that step's own stderr, and exits with the step's exit
 * status. Each step's stderr goes to a temporary file (mode 0600, removed on exit) and is copied to stderr after
 * the step, so the failing step's error is told apart from earlier steps' warnings (in the home directory when the
 * temporary directory is not writable); stdout streams as it comes.
 * A step's stdout can be captured as a named value instead, printed at the end as
 * {@code sextant-value NAME VALUE} (first line of the value only), also when a later step fails. Only a step marked as reading stdin gets the
 * exec's stdin (a secret, an env file); every other step reads {@code /dev/null}.
 */
public final class StepScript {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern FAILED = Pattern.compile("(?m)^sextant: step (\\d+) failed \\(exit (\\d+)\\)$");
  private static final Pattern VALUE = Pattern.compile("sextant-value ([a-z][a-z0-9_]*) ([^\\n]*)");

  private final String overallStep;
  private final List<Step> steps = new ArrayList<>();

  private record Step(String name, String command, String condition, String captureAs, boolean optional,
      boolean readsStdin) {}

  /** @param overallStep the step to blame when the script fails outside any step (e.g. no temporary file) */
  public StepScript(String overallStep) {
    this.overallStep = Objects.requireNonNull(overallStep, "overallStep");
  }

  /** A step that must succeed. */
  public StepScript run(String step, String command) {
    return add(new Step(step, command, null, null, false, false));
  }

  /** A step that must succeed and gets the exec's stdin (the only one that may). */
  public StepScript runWithStdin(String step, String command) {
    if (steps.stream().anyMatch(Step::readsStdin)) {
      throw new IllegalStateException("only one step can read stdin");
    }
    return add(new Step(step, command, null, null, false, true));
  }

  /** A step that must succeed; its stdout becomes the value {@code name}. */
  public StepScript capture(String step, String name, String command) {
    return add(new Step(step, command, null, requireName(name), false, false));
  }

  /** Its stdout becomes the value {@code name}; when it fails the value is empty and the script goes on. */
  public StepScript captureOrEmpty(String step, String name, String command) {
    return add(new Step(step, command, null, requireName(name), true, false));
  }

  /**
   * A step that must succeed, run only when the shell test {@code condition} holds (it may test earlier values
   * with {@link #value(String)}); its stdout becomes the value {@code name}, absent when the step did not run.
   */
  public StepScript captureIf(String condition, String step, String name, String command) {
    return add(new Step(step, command, Objects.requireNonNull(condition, "condition"), requireName(name), false,
        false));
  }

  /** Shell text expanding to the value {@code name} captured by an earlier step (for conditions). */
  public static String value(String name) {
    return "\"$sx_" + requireName(name) + "\"";
  }

  /** Whether an output line is one of the values the script hands back ({@code sextant-value NAME VALUE}). */
  public static boolean isValueLine(String line) {
    return VALUE.matcher(line).matches();
  }

  /** The script: one shell command line to run as one exec. */
  public String render() {
    StringBuilder values = new StringBuilder();
    for (Step step : steps) {
      if (step.captureAs() != null) {
        String variable = "sx_" + step.captureAs();
        values.append(" [ -z \"${").append(variable).append("+set}\" ] || printf 'sextant-value %s %s\\n' ")
            .append(step.captureAs()).append(" \"$").append(variable).append("\";");
      }
    }
    StringBuilder script = new StringBuilder();
    script.append("sx_t=$(mktemp 2>/dev/null || mktemp .sextant-stderr.XXXXXX) || exit 1\n")
        .append("trap 'rm -f \"$sx_t\"' EXIT\n")
        .append("sx_values() {").append(values).append(" :; }\n")
        .append("sx_failed() { printf 'sextant: step %s failed (exit %s)\\n' \"$1\" \"$2\" >&2;"
            + " cat \"$sx_t\" >&2; sx_values; exit \"$2\"; }\n")
        .append("sx_err() { [ ! -s \"$sx_t\" ] || cat \"$sx_t\" >&2; }\n");
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      int index = i + 1;
      String input = step.readsStdin() ? "" : " </dev/null";
      String line;
      if (step.captureAs() == null) {
        line = "( " + step.command() + "\n)" + input + " 2>\"$sx_t\" || sx_failed " + index + " $?; sx_err";
      } else {
        String onFailure = step.optional() ? "sx_" + step.captureAs() + "=" : "sx_failed " + index + " $?";
        line = "sx_" + step.captureAs() + "=$( { " + step.command() + "\n}" + input + " 2>\"$sx_t\" ) || "
            + onFailure + "; sx_err";
      }
      if (step.condition() != null) {
        line = "if " + step.condition() + "; then\n" + line + "\nfi";
      }
      script.append(line).append('\n');
    }
    return script.append("sx_values\nexit 0").toString();
  }

  /**
   * What the script did, from its exit status and output.
   *
   * @param exitCode the exec's exit status
   */
  public Outcome read(int exitCode, String stdout, String stderr) {
    Map<String, String> values = new LinkedHashMap<>();
    Matcher value = VALUE.matcher(stdout);
    while (value.find()) {
      values.putIfAbsent(value.group(1), value.group(2));
    }
    String output = VALUE.matcher(stdout).replaceAll("");
    if (exitCode == 0) {
      return new Outcome(null, 0, "", values);
    }
    Matcher failed = FAILED.matcher(stderr);
    int start = -1;
    int index = 0;
    while (failed.find()) {
      start = failed.end();
      index = Integer.parseInt(failed.group(1));
    }
    if (start < 0 || index < 1 || index > steps.size()) {
      return new Outcome(overallStep, exitCode, lastLine(stderr, output), values);
    }
    return new Outcome(steps.get(index - 1).name(), exitCode, lastLine(stderr.substring(start), output), values);
  }

  /**
   * What a {@link StepScript} did.
   *
   * @param failedStep the step that failed, or {@code null} when all went well
   * @param exitCode the failing step's exit status (0 when none failed)
   * @param error the failing step's last non-blank stderr line (else the last stdout line), or empty
   * @param values the captured values by name (a step that did not run has none)
   */
  public record Outcome(String failedStep, int exitCode, String error, Map<String, String> values) {
    public Outcome {
      values = Map.copyOf(values);
    }

    public boolean ok() {
      return failedStep == null;
    }

    /** The value {@code name}, stripped; empty when the step printed nothing; {@code null} when it did not run. */
    public String value(String name) {
      String text = values.get(name);
      return text == null ? null : text.strip();
    }
  }

  private StepScript add(Step step) {
    Objects.requireNonNull(step.name(), "step");
    Objects.requireNonNull(step.command(), "command");
    if (step.captureAs() != null && steps.stream().anyMatch(s -> step.captureAs().equals(s.captureAs()))) {
      throw new IllegalArgumentException("value '" + step.captureAs() + "' is captured twice");
    }
    steps.add(step);
    return this;
  }

  private static String requireName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a value name is lower case letters, digits and '_', got '" + name + "'");
    }
    return name;
  }

  private static String lastLine(String preferred, String fallback) {
    String line = lastNonBlank(preferred);
    return line.isEmpty() ? lastNonBlank(fallback) : line;
  }

  private static String lastNonBlank(String text) {
    List<String> lines = text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }
}

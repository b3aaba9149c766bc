package io.sextant.console;

import io.sextant.config.Redaction;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Every line Sextant shows its user goes through here (never a logging framework). It applies the verbosity
 * and replaces every registered secret value with {@code [REDACTED]} before anything is printed.
 * Thread-safe: lines from parallel hosts never interleave mid-line.
 */
public final class Console {
  public static final String REDACTED = Redaction.REDACTED;

  private final PrintStream out;
  private final PrintStream err;
  private final Verbosity verbosity;
  private volatile List<String> secretValues = List.of();
  private volatile Redaction redaction = Redaction.of(List.of());

  public Console(PrintStream out, PrintStream err, Verbosity verbosity) {
    this.out = Objects.requireNonNull(out);
    this.err = Objects.requireNonNull(err);
    this.verbosity = Objects.requireNonNull(verbosity);
  }

  public static Console system(Verbosity verbosity) {
    return new Console(System.out, System.err, verbosity);
  }

  public Verbosity verbosity() {
    return verbosity;
  }

  public boolean isVerbose() {
    return verbosity == Verbosity.VERBOSE;
  }

  /** Registers values that must never be printed (secrets); longest first so overlapping values redact whole. */
  public synchronized void redact(Iterable<String> values) {
    List<String> all = new ArrayList<>(secretValues);
    for (String value : values) {
      if (value != null && !value.isEmpty() && !all.contains(value)) {
        all.add(value);
      }
    }
    all.sort(Comparator.comparingInt(String::length).reversed());
    secretValues = List.copyOf(all);
    redaction = Redaction.of(secretValues);
  }

  /** The text with every registered secret value replaced by {@code [REDACTED]} ({@link Redaction}'s rule). */
  public String redacted(String text) {
    if (text == null) {
      return null;
    }
    return redaction.apply(text);
  }

  /** A line shown at default verbosity and above (stdout). */
  public void info(String line) {
    if (verbosity != Verbosity.QUIET) {
      print(out, line);
    }
  }

  /** A line shown only with {@code --verbose} (stdout). */
  public void debug(String line) {
    if (verbosity == Verbosity.VERBOSE) {
      print(out, line);
    }
  }

  /** A result the user asked for (e.g. {@code config}, {@code lock status}): printed even with {@code -q}. */
  public void result(String text) {
    print(out, text);
  }

  /**
   * One host's output as Kamal's {@code puts_by_host} prints it: a {@code <type> Host: <host>} line (left out with
   * {@code -q}, as Kamal), the output, a blank line.
   */
  public void byHost(String type, String host, String output) {
    if (verbosity != Verbosity.QUIET) {
      result(type + " Host: " + host);
    }
    result(output);
    result("");
  }

  /** Output passed on as it came (secrets still redacted), without a line break added: {@code --raw}. */
  public void raw(String text) {
    String safe = redacted(text);
    synchronized (this) {
      out.print(safe);
      out.flush();
    }
  }

  /** An error or warning line: always shown (stderr). */
  public void error(String line) {
    print(err, line);
  }

  private void print(PrintStream stream, String line) {
    String safe = redacted(line);
    synchronized (this) {
      stream.println(safe);
      stream.flush();
    }
  }
}

package io.sextant.console;

/** How much a command prints: Kamal's {@code -q} (errors only), default (info), {@code -v} (debug). */
public enum Verbosity {
  QUIET,
  NORMAL,
  VERBOSE;

  public static Verbosity from(boolean verbose, boolean quiet) {
    if (verbose) {
      return VERBOSE;
    }
    return quiet ? QUIET : NORMAL;
  }
}

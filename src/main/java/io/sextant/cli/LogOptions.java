package io.sextant.cli;

import picocli.CommandLine.Option;

/**
 * The options {@code app logs} and {@code proxy logs} share, as Kamal's
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L200-L205, proxy.rb#L210-L214).
 */
final class LogOptions {
  @Option(names = {"-s", "--since"}, description = "Only since this time (e.g. 2013-01-02T13:23:37Z, or 42m).")
  String since;

  @Option(names = {"-n", "--lines"},
      description = "Number of lines from each server (default: 100, 10 when app logs follow; all with -s or -g).")
  Integer lines;

  @Option(names = {"-g", "--grep"}, description = "Only lines matching this pattern.")
  String grep;

  @Option(names = {"-f", "--follow"}, description = "Follow the logs on the primary host (or the one set by -h).")
  boolean follow;

  @Option(names = {"-T", "--skip-timestamps", "--skip_timestamps"},
      description = "Leave out the timestamps Docker puts before each line.")
  boolean skipTimestamps;

  /** Kamal's line count: {@code -n}, else all lines once {@code -s} or {@code -g} narrows them, else the default. */
  Integer count(int byDefault) {
    return lines != null || since != null || grep != null ? lines : Integer.valueOf(byDefault);
  }
}

package io.sextant.cli;

import picocli.CommandLine.Option;

/** The log options Kamal's {@code proxy logs} and {@code accessory logs} share, as a picocli mixin. */
final class LogOptions {
  @Option(names = {"-s", "--since"}, description = "Only since this time (e.g. 2013-01-02T13:23:37Z, or 42m).")
  String since;

  @Option(names = {"-n", "--lines"}, description = "Number of lines from each server (default: 100 unless -s or -g).")
  Integer lines;

  @Option(names = {"-g", "--grep"}, description = "Only lines matching this pattern.")
  String grep;

  @Option(names = {"-f", "--follow"}, description = "Follow the logs on the first host (or the one set by -h).")
  boolean follow;

  @Option(names = {"-T", "--skip-timestamps", "--skip_timestamps"}, description = "Leave out the timestamps.")
  boolean skipTimestamps;

  /** As Kamal: 100 lines unless {@code --lines}, or {@code --since} or {@code --grep} narrows the logs. */
  Integer count() {
    return lines != null ? lines : since != null || grep != null ? null : Integer.valueOf(100);
  }
}

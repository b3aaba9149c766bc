package io.sextant.process;

/**
 * What a finished local process left: its exit code and everything it wrote.
 *
 * @param exitCode the exit status (128 + N when killed by signal N, as a shell reports it)
 * @param stdout everything written on stdout, line by line (each line ends with a newline)
 * @param stderr everything written on stderr
 */
public record ProcessResult(int exitCode, String stdout, String stderr) {
  public boolean succeeded() {
    return exitCode == 0;
  }

  /** The last {@code count} non-empty lines of stdout then stderr, for failure messages. */
  public String tail(int count) {
    java.util.List<String> lines = (stdout + "\n" + stderr).lines().filter(line -> !line.isBlank()).toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }
}

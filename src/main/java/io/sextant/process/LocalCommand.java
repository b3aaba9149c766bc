package io.sextant.process;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A local process to run, as a value: argv (no shell involved), extra environment variables, bytes for its
 * stdin and a working directory. {@link #toString()} never shows environment values nor stdin, because they
 * carry secrets (registry password, build secrets).
 *
 * @param argv the program and its arguments
 * @param env variables added to (or replacing those of) Sextant's own environment
 * @param stdin bytes written to the process's stdin, which is then closed; empty = stdin closed at once
 * @param workingDir where it runs; {@code null} = Sextant's working directory
 */
public record LocalCommand(List<String> argv, Map<String, String> env, byte[] stdin, Path workingDir) {
  public LocalCommand {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs at least a program");
    }
    env = Map.copyOf(env);
    stdin = stdin == null ? new byte[0] : stdin.clone();
  }

  public static LocalCommand of(List<String> argv) {
    return new LocalCommand(argv, Map.of(), new byte[0], null);
  }

  public static LocalCommand of(String... argv) {
    return of(List.of(argv));
  }

  /** The same command with these variables added. */
  public LocalCommand withEnv(Map<String, String> more) {
    Map<String, String> merged = new LinkedHashMap<>(env);
    merged.putAll(more);
    return new LocalCommand(argv, merged, stdin, workingDir);
  }

  /** The same command fed these bytes on stdin (how passwords are given, never on the command line). */
  public LocalCommand withStdin(byte[] bytes) {
    return new LocalCommand(argv, env, bytes, workingDir);
  }

  public LocalCommand in(Path directory) {
    return new LocalCommand(argv, env, stdin, directory);
  }

  public Optional<Path> directory() {
    return Optional.ofNullable(workingDir);
  }

  @Override
  public byte[] stdin() {
    return stdin.clone();
  }

  /** The argv joined by spaces, for messages. */
  public String display() {
    return String.join(" ", argv);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LocalCommand that
        && argv.equals(that.argv)
        && env.equals(that.env)
        && Arrays.equals(stdin, that.stdin)
        && Objects.equals(workingDir, that.workingDir);
  }

  @Override
  public int hashCode() {
    return Objects.hash(argv, env, Arrays.hashCode(stdin), workingDir);
  }

  @Override
  public String toString() {
    return "LocalCommand[" + display() + (env.isEmpty() ? "" : ", env=" + env.keySet())
        + (stdin.length == 0 ? "" : ", stdin=" + stdin.length + " bytes")
        + (workingDir == null ? "" : ", in " + workingDir) + "]";
  }
}

package io.sextant.process;

import io.sextant.invocation.Invocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs {@link LocalCommand}s: no shell, the extra environment added to Sextant's own, stdin fed then closed,
 * stdout and stderr streamed line by line to an {@link OutputListener} and collected. Environment values and
 * stdin are never logged.
 */
public final class ProcessRunner {
  private final java.util.List<java.nio.file.Path> programDirectories;
  private final java.util.Map<String, String> baseEnvironment;

  /** Programs are found on Sextant's {@code PATH}; processes inherit Sextant's environment. */
  public ProcessRunner() {
    this(java.util.List.of(), java.util.Map.of());
  }

  /**
   * @param programDirectories see {@link #ProcessRunner(java.util.List)}
   * @param baseEnvironment variables every process gets on top of Sextant's own (e.g. the loaded configuration's
   *     environment, or {@code DOCKER_CONFIG}); a command's own {@link LocalCommand#env()} wins over them
   */
  public ProcessRunner(java.util.List<java.nio.file.Path> programDirectories,
      java.util.Map<String, String> baseEnvironment) {
    this.programDirectories = java.util.List.copyOf(programDirectories);
    this.baseEnvironment = java.util.Map.copyOf(baseEnvironment);
  }

  /**
   * Programs named without a slash are looked up in {@code programDirectories} first, then on {@code PATH}
   * (tests put stand-in executables there).
   */
  public ProcessRunner(java.util.List<java.nio.file.Path> programDirectories) {
    this(programDirectories, java.util.Map.of());
  }

  /** Runs the command to its end and returns what it did, whatever its exit code. */
  public ProcessResult run(LocalCommand command, OutputListener listener) {
    java.util.List<String> argv = new java.util.ArrayList<>(command.argv());
    argv.set(0, resolve(argv.get(0)));
    ProcessBuilder builder = new ProcessBuilder(argv);
    command.directory().ifPresent(dir -> builder.directory(dir.toFile()));
    Invocation invocation = Invocation.current();
    invocation.prepare(builder); // the command's directory and environment when the agent runs it
    builder.environment().putAll(baseEnvironment);
    builder.environment().putAll(command.env());
    Process process;
    try {
      process = invocation.start(builder);
    } catch (IOException e) {
      throw new ProcessFailedException(
          "Cannot run `" + command.argv().get(0) + "`: " + e.getMessage()
              + " (is it installed and on PATH?)", e);
    }
    // Own threads, not the common pool: it may have a single thread on a small machine, and the three
    // streams must progress together or the process blocks on a full pipe.
    CompletableFuture<Void> feeder = async(() -> {
      feed(process, command.stdin());
      return null;
    });
    CompletableFuture<String> out = async(() -> drain(process.getInputStream(), false, listener));
    CompletableFuture<String> err = async(() -> drain(process.getErrorStream(), true, listener));
    try {
      int exit = process.waitFor();
      feeder.get();
      return new ProcessResult(exit, out.get(), err.get());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ProcessFailedException("Interrupted while running `" + command.display() + "`", e);
    } catch (ExecutionException e) {
      throw new ProcessFailedException("Failed to talk to `" + command.display() + "`: " + e.getCause().getMessage(), e);
    }
  }

  /**
   * Runs the command and requires exit code 0; otherwise fails naming {@code what} (e.g. "docker build"),
   * the exit code and the last output lines.
   */
  public ProcessResult runChecked(LocalCommand command, OutputListener listener, String what) {
    ProcessResult result = run(command, listener);
    if (!result.succeeded()) {
      throw new ProcessFailedException(
          what + " failed with exit code " + result.exitCode() + ":\n" + result.tail(20));
    }
    return result;
  }

  private String resolve(String program) {
    if (program.contains("/")) {
      return program;
    }
    for (java.nio.file.Path directory : programDirectories) {
      java.nio.file.Path candidate = directory.resolve(program);
      if (java.nio.file.Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return program;
  }

  private static <T> CompletableFuture<T> async(java.util.function.Supplier<T> work) {
    CompletableFuture<T> future = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        future.complete(work.get());
      } catch (RuntimeException e) {
        future.completeExceptionally(e);
      }
    }, "sextant-process-io");
    thread.setDaemon(true);
    thread.start();
    return future;
  }

  private static void feed(Process process, byte[] stdin) {
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    } catch (IOException e) {
      // The process may exit without reading its stdin (e.g. a failed `docker login`); its exit code tells.
    }
  }

  private static String drain(InputStream stream, boolean stderr, OutputListener listener) {
    StringBuilder all = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        all.append(line).append('\n');
        listener.line(stderr, line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.toString();
  }
}

package io.sextant.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a local program for the fixture: given stdin, extra environment, a timeout; collects both streams. */
public final class LocalCommand {
  private LocalCommand() {}

  static CommandResult run(List<String> command, Map<String, String> env, String stdin, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    String shown = String.join(" ", command);
    try {
      Process process = builder.start();
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        return new CommandResult(shown, -1, out.get(), err.get() + "\n(killed after " + timeout + ")");
      }
      return new CommandResult(shown, process.exitValue(), out.get(), err.get());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + shown, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + shown, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read output of " + shown, e);
    }
  }

  /** Reads a stream to its end on its own thread (the common pool may have a single thread on 2 CPUs). */
  public static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (stream) {
        result.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        result.completeExceptionally(e);
      }
    }, "fixture-stream-reader");
    reader.setDaemon(true);
    reader.start();
    return result;
  }
}

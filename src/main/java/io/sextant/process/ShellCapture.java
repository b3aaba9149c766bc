package io.sextant.process;

import io.sextant.invocation.Invocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs a command line through {@code /bin/sh -c} as Ruby's backticks do: stdout captured, stdin and stderr left to
 * the terminal (a vault CLI may prompt for a password on them). For the secrets adapters' vendor CLIs.
 */
public final class ShellCapture {
  private ShellCapture() {}

  /** The exit status and stdout of {@code commandLine}. */
  public static ProcessResult run(String commandLine) {
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", commandLine)
        .redirectInput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    try {
      Process process = Invocation.current().start(Invocation.current().prepare(builder));
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      try (InputStream in = process.getInputStream()) {
        in.transferTo(output);
      }
      return new ProcessResult(process.waitFor(), output.toString(StandardCharsets.UTF_8), "");
    } catch (IOException e) {
      throw new ProcessFailedException("Cannot run /bin/sh: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProcessFailedException("Interrupted while running a vault CLI", e);
    }
  }
}

package io.sextant.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A local process run to completion with its stdout captured (git for the version, {@code $(...)} in secrets).
 * The configuration package runs only these two, so it keeps this small runner rather than depend on the process
 * package.
 */
record CapturedProcess(int status, String output) {
  static CapturedProcess run(ProcessBuilder builder) throws IOException, InterruptedException {
    Process process = io.sextant.invocation.Invocation.current().start(builder);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (InputStream in = process.getInputStream()) {
      in.transferTo(output);
    }
    return new CapturedProcess(process.waitFor(), output.toString(StandardCharsets.UTF_8));
  }
}

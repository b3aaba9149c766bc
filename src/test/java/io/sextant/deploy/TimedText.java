package io.sextant.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A launcher run's output as read ({@link #text()}), and the same with each line prefixed by the seconds since the
 * run started ({@link #stamped()}), for the transcripts that show where a slow test spends its time.
 */
record TimedText(String text, String stamped) {
  /** Reads {@code stream} to its end on its own thread; {@code started} is the run's {@link System#nanoTime()}. */
  static CompletableFuture<TimedText> drain(InputStream stream, long started) {
    CompletableFuture<TimedText> result = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      StringBuilder text = new StringBuilder();
      StringBuilder stamped = new StringBuilder();
      char[] buffer = new char[8192];
      boolean lineStart = true;
      try (Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          String at = String.format("[%6.2f] ", (System.nanoTime() - started) / 1e9);
          for (int i = 0; i < n; i++) {
            if (lineStart) {
              stamped.append(at);
            }
            stamped.append(buffer[i]);
            lineStart = buffer[i] == '\n';
          }
          text.append(buffer, 0, n);
        }
        result.complete(new TimedText(text.toString(), stamped.toString()));
      } catch (IOException e) {
        result.completeExceptionally(e);
      }
    }, "launcher-output-reader");
    reader.setDaemon(true);
    reader.start();
    return result;
  }
}

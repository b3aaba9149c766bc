package io.sextant.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/** A process for {@link InterruptionTest}: registers two cleanups that append to a file, says "ready", waits. */
public final class InterruptionProbe {
  private InterruptionProbe() {}

  public static void main(String[] args) throws Exception {
    Path log = Path.of(args[0]);
    Interruption interruption = Interruption.forProcess();
    interruption.install();
    interruption.onInterrupt("first", () -> append(log, "first"));
    interruption.onInterrupt("second", () -> append(log, "second"));
    interruption.onInterrupt("unregistered", () -> append(log, "never")).close();
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Duration.ofMinutes(2).toMillis());
    System.exit(0);
  }

  private static void append(Path log, String line) {
    try {
      Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

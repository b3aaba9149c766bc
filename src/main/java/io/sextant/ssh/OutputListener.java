package io.sextant.ssh;

import java.util.function.Consumer;

/** Receives a remote command's output line by line as it arrives, with the host it came from. */
@FunctionalInterface
public interface OutputListener {
  /** Ignores all output (results still carry it). */
  OutputListener NONE = (host, stderr, line) -> { };

  /**
   * One complete line (without its line break) written by the command on {@code host}.
   *
   * @param stderr whether the line came from the command's stderr
   */
  void line(String host, boolean stderr, String line);

  /** Passes every line as {@code [host] line} (the way Kamal prints per-host output) to {@code sink}. */
  static OutputListener prefixed(Consumer<String> sink) {
    return (host, stderr, line) -> sink.accept("[" + host + "] " + line);
  }
}

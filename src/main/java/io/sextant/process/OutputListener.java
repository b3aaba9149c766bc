package io.sextant.process;

/** Receives a running process's output line by line, as it comes (stdout and stderr on their own threads). */
@FunctionalInterface
public interface OutputListener {
  /** Ignores every line (the output is still collected in the {@link ProcessResult}). */
  OutputListener NONE = (stderr, line) -> {};

  void line(boolean stderr, String line);
}

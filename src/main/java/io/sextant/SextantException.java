package io.sextant;

/**
 * Base of every failure Sextant reports to its user: a one-line message (naming the file, key, host or hook
 * involved) and the process exit code it maps to. The CLI prints the message, never a stack trace unless
 * {@code --verbose}.
 */
public class SextantException extends RuntimeException {
  /** Exit code of a command that ran and failed. */
  public static final int COMMAND_FAILED = 1;
  /** Exit code of a usage or configuration error (nothing was done). */
  public static final int USAGE_OR_CONFIG = 2;

  private final int exitCode;

  public SextantException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public SextantException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}

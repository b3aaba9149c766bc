package io.sextant.process;

import io.sextant.SextantException;

/** A local process (docker, git) could not be started or exited non-zero where success was required. */
public class ProcessFailedException extends SextantException {
  public ProcessFailedException(String message) {
    super(message, COMMAND_FAILED);
  }

  public ProcessFailedException(String message, Throwable cause) {
    super(message, COMMAND_FAILED, cause);
  }
}

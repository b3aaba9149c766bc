package io.sextant.build;

import io.sextant.SextantException;

/** Building, pushing or pulling the app image failed; the message names the step and the fix where known. */
public class BuildException extends SextantException {
  public BuildException(String message) {
    super(message, COMMAND_FAILED);
  }

  public BuildException(String message, Throwable cause) {
    super(message, COMMAND_FAILED, cause);
  }
}

package io.sextant.hooks;

import io.sextant.SextantException;

/**
 * A file named like a hook cannot be run (a directory, or not executable, D3). It is a setup problem, found
 * before anything runs, so it maps to the usage/configuration exit code (2); the message says how to fix it.
 */
public class InvalidHookException extends SextantException {
  public InvalidHookException(String message) {
    super(message, USAGE_OR_CONFIG);
  }
}

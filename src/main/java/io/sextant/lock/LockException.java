package io.sextant.lock;

import io.sextant.SextantException;

/** The deploy lock could not be taken (held by someone else, held manually, wait timed out): exit 1. */
public class LockException extends SextantException {
  public LockException(String message) {
    super(message, COMMAND_FAILED);
  }
}

package io.sextant.secrets;

import io.sextant.SextantException;

/** An adapter failed (CLI missing, not logged in, a secret not found): Kamal's message, exit 1. */
public final class VaultException extends SextantException {
  public VaultException(String message) {
    super(message, COMMAND_FAILED);
  }
}

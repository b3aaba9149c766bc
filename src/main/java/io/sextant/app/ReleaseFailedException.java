package io.sextant.app;

import io.sextant.SextantException;

/**
 * The release command ({@code x-release}) failed, timed out or could not start on its host: the deploy stops before
 * any container of the new version boots.
 */
public class ReleaseFailedException extends SextantException {
  private final String host;
  private final boolean timedOut;

  public ReleaseFailedException(String message, String host, boolean timedOut) {
    super(message, COMMAND_FAILED);
    this.host = host;
    this.timedOut = timedOut;
  }

  /** The host it ran on ({@code KAMAL_FAILED_HOSTS}). */
  public String host() {
    return host;
  }

  /** Whether its timeout stopped it. */
  public boolean timedOut() {
    return timedOut;
  }
}

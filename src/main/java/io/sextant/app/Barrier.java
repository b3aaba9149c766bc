package io.sextant.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Kamal's health barrier of one {@code app boot} ({@code Kamal::Cli::Healthcheck::Barrier}): the first container of
 * the primary role to become healthy opens it, the first to fail closes it, whichever comes first; the other roles
 * wait at it before they boot, and do not boot at all once it is closed. Set once, then fixed.
 */
final class Barrier {
  private final CompletableFuture<Boolean> state = new CompletableFuture<>();

  /** Opens the barrier; true when this call decided it (it was neither open nor closed). */
  boolean open() {
    return state.complete(true);
  }

  /** Closes the barrier; true when this call decided it. */
  boolean close() {
    return state.complete(false);
  }

  /**
   * Waits until the barrier is decided.
   *
   * @return true when it opened, false when it closed
   */
  boolean await() {
    try {
      return state.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false;
    }
  }
}

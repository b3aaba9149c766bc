package io.sextant.ssh;

/** Runs the SSH warm-up alone in a fresh JVM, for tests of what it loads ({@code SshClientFactoryTest}). */
public final class WarmUpMain {
  private WarmUpMain() {}

  public static void main(String[] args) {
    SshClientFactory.warmUp();
  }
}

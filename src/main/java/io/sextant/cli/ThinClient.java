package io.sextant.cli;

import io.sextant.agent.CommandForwarder;

/**
 * The launcher's entry point while a warm agent runs with {@code SEXTANT_AGENT=thin}: the whole command runs in
 * the agent ({@link CommandForwarder}); when it cannot (no agent after all, refused, interactive, busy), the
 * command runs here, in this same JVM, exactly as {@link Main} runs it.
 */
public final class ThinClient {
  private ThinClient() {}

  public static void main(String[] args) {
    int code = CommandForwarder.run(args);
    if (code == CommandForwarder.RUN_LOCALLY) {
      Main.main(args);
    } else {
      System.exit(code);
    }
  }
}

package io.sextant.cli;

import io.sextant.agent.CommandForwarder;

/**
 * The launcher's entry point while a warm agent runs (and {@code SEXTANT_AGENT} is neither off nor
 * {@code channels}): the whole command runs in the agent ({@link CommandForwarder}); when it cannot (the agent off
 * after all, none answering, interactive, busy, handed back), the command runs here, in this same JVM, exactly as
 * {@link Main} runs it.
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

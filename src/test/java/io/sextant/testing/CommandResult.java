package io.sextant.testing;

/** Outcome of a local or remote (SSH) command run by the test fixture. */
public record CommandResult(String command, int exitCode, String stdout, String stderr) {

  public boolean ok() {
    return exitCode == 0;
  }

  /** This result, or an {@link AssertionError} showing the command, exit code and both streams. */
  public CommandResult requireOk() {
    if (!ok()) {
      throw new AssertionError(this.toString());
    }
    return this;
  }

  @Override
  public String toString() {
    return "`" + command + "` exited " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}

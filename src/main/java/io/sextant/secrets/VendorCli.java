package io.sextant.secrets;

/** Runs a vendor CLI command line through a shell, as Kamal's backticks do: stdout captured, stderr passed on. */
@FunctionalInterface
public interface VendorCli {
  /** The exit status and standard output of {@code commandLine}. */
  Result run(String commandLine);

  /** What a command line returned. */
  record Result(int status, String output) {
    public boolean succeeded() {
      return status == 0;
    }
  }
}

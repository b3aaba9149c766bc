package io.sextant.hooks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How one hook script ended.
 *
 * @param script the script that ran
 * @param start when it was started
 * @param duration how long it ran
 * @param exitCode its exit code, or {@code null} when it was killed by a signal
 * @param signal the signal number that killed it, or {@code null}
 * @param timedOut whether Sextant killed it because its timeout expired
 * @param outputTail the last lines of its stdout and stderr (merged, in order, not yet redacted)
 */
public record HookScriptResult(
    Path script, Instant start, Duration duration, Integer exitCode, Integer signal, boolean timedOut,
    List<String> outputTail) {

  public HookScriptResult {
    outputTail = List.copyOf(outputTail);
  }

  public boolean succeeded() {
    return !timedOut && exitCode != null && exitCode == 0;
  }

  /** {@code exit code 3}, {@code signal SIGKILL}, for messages. */
  public String status() {
    return exitCode != null ? "exit code " + exitCode : "signal " + signalName(signal);
  }

  /** The conventional name of a Linux signal number ({@code 9} ⇒ {@code SIGKILL}). */
  public static String signalName(int number) {
    String[] names = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
        "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
        "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
    return number > 0 && number < names.length ? "SIG" + names[number] : "signal " + number;
  }
}

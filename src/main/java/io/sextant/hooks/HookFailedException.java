package io.sextant.hooks;

import io.sextant.SextantException;

/**
 * A hook script failed (non-zero exit, signal or timeout, D4): the command stops here (exit 1). The message is
 * ``Hook `NAME` failed with exit code N`` followed by the tail of the script's output, already redacted.
 */
public class HookFailedException extends SextantException {
  private final HookPoint hook;
  private final String script;
  private final HookScriptResult result;

  public HookFailedException(HookPoint hook, String script, HookScriptResult result, String message) {
    super(message, COMMAND_FAILED);
    this.hook = hook;
    this.script = script;
    this.result = result;
  }

  /** For failures that are not a script's exit (a hook file that cannot run, an interrupted wait). */
  public HookFailedException(HookPoint hook, String script, String message, int exitCode) {
    super(message, exitCode);
    this.hook = hook;
    this.script = script;
    this.result = null;
  }

  public HookPoint hook() {
    return hook;
  }

  /** The script that failed ({@code pre-deploy} or {@code pre-deploy.d/10-migrate}). */
  public String script() {
    return script;
  }

  /** How the script ended, or {@code null} when it never ran. */
  public HookScriptResult result() {
    return result;
  }

  /** The first line of the message (without the output tail), e.g. for {@code KAMAL_ERROR}. */
  public String headline() {
    return getMessage().split("\n", 2)[0];
  }
}

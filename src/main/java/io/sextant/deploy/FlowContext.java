package io.sextant.deploy;

import io.sextant.build.BuildFlags;
import io.sextant.config.DeployConfig;
import io.sextant.config.HostSelection;
import io.sextant.config.Secrets;
import io.sextant.console.Console;
import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookRunner;
import io.sextant.lock.DeployLock;
import io.sextant.process.Interruption;
import io.sextant.ssh.SshHosts;
import io.sextant.ssh.SshSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What the deploy flows work with; the CLI's session provides it, building each part on first use. */
public interface FlowContext {
  Console console();

  DeployConfig config();

  /** The secrets (from then on redacted from all output). */
  Secrets secrets();

  /** The version being deployed ({@code --version} ‖ {@code $VERSION} ‖ git HEAD). */
  String version();

  HostSelection selection();

  /** The one hook runner of the process. */
  HookRunner hooks();

  /** What hooks are told right now, lock state included. */
  HookContext hookContext();

  /** SSH to the hosts (the first connection fires {@code pre-connect}). */
  SshHosts ssh();

  DeployLock lock();

  /** The configuration's SSH settings ({@code ssh:}). */
  SshSettings sshSettings();

  /**
   * SSH connections of their own with {@code settings}, for a host that is not one of {@code servers} (a remote
   * builder's); their first connection fires {@code pre-connect} unless it has fired. The caller closes them.
   */
  SshHosts sshWith(SshSettings settings);

  /**
   * Starts connecting to {@code hosts} in the background when no {@code pre-connect} script has yet to run, so the
   * connections overlap local work (a build); otherwise does nothing. Failures surface at the first use, unchanged.
   */
  void connectEarly(List<String> hosts);

  Interruption interruption();

  /** Where the project (and {@code .git}) is. */
  Path workingDir();

  /** The environment the command runs in (the build reads {@code TMPDIR} there: where its clone is kept). */
  default Map<String, String> environment() {
    return io.sextant.invocation.Invocation.current().environment();
  }

  /** {@code --output} and {@code --no-cache} of the command that builds. */
  default BuildFlags buildFlags() {
    return BuildFlags.DEFAULT;
  }
}

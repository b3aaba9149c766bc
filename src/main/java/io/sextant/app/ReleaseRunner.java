package io.sextant.app;

import io.sextant.commands.AppCommands;
import io.sextant.commands.ContainerSpec;
import io.sextant.commands.EnvFile;
import io.sextant.commands.ReleaseCommands;
import io.sextant.commands.StepScript;
import io.sextant.config.DeployConfig;
import io.sextant.config.ReleaseCommand;
import io.sextant.config.Role;
import io.sextant.config.Secrets;
import io.sextant.console.Console;
import io.sextant.process.Interruption;
import io.sextant.ssh.OutputListener;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the release command ({@code x-release}) on one host, in a one-off container of the version being booted: the
 * role's env file goes to the host first (a first deploy has none), then the container runs with the role's
 * settings, its output streamed as {@code [host] line} (secrets redacted). A non-zero exit, the timeout, or a
 * container that cannot start fails it; the container is gone afterwards in every case, Ctrl-C included.
 */
public final class ReleaseRunner {
  private final SshHosts ssh;
  private final Console console;
  private final DeployConfig config;
  private final Secrets secrets;
  private final Interruption interruption;

  public ReleaseRunner(SshHosts ssh, Console console, DeployConfig config, Secrets secrets,
      Interruption interruption) {
    this.ssh = Objects.requireNonNull(ssh);
    this.console = Objects.requireNonNull(console);
    this.config = Objects.requireNonNull(config);
    this.secrets = Objects.requireNonNull(secrets);
    this.interruption = Objects.requireNonNull(interruption);
  }

  /**
   * @param version the version whose image runs the command
   * @param env variables given to the container besides the role's env file
   * @throws ReleaseFailedException naming the host, when it did not succeed
   */
  public void run(ReleaseCommand release, String host, String version, Map<String, String> env) {
    Role role = config.role(release.role()).orElseThrow(() ->
        new IllegalStateException("x-release/role " + release.role() + " is validated to exist"));
    AppCommands app = AppCommands.of(config, role, version);
    ReleaseCommands commands = new ReleaseCommands(app);
    console.info("Running the release command on " + host + " in a new container of version " + version + ": "
        + release.text());

    StepScript prepare = commands.prepare();
    byte[] envFile = EnvFile.render(EnvFile.variables(config, role, host, secrets)).getBytes(StandardCharsets.UTF_8);
    RemoteResult prepared = ssh.run(host, prepare.render(), envFile);
    StepScript.Outcome outcome = prepare.read(prepared.exitCode(), prepared.stdout(), prepared.stderr());
    if (!outcome.ok()) {
      throw new ReleaseFailedException("Release command could not start on " + host + ": " + outcome.failedStep()
          + " failed (exit " + outcome.exitCode() + (outcome.error().isEmpty() ? "" : ": " + outcome.error()) + ")",
          host, false);
    }

    String run = commands.run(ContainerSpec.of(config, role), release.words(), env, release.timeoutSeconds());
    Instant start = Instant.now();
    RemoteResult result;
    try (Interruption.Registration cleanup = interruption.onInterrupt("remove the release container on " + host,
        () -> ssh.run(host, commands.remove()))) {
      result = ssh.run(host, run, null, OutputListener.prefixed(console::info));
    }
    Duration elapsed = Duration.between(start, Instant.now());
    if (!result.ok()) {
      interruption.awaitExitIfInterrupted(); // Ctrl-C removed the container: exit 130, not "failed"
    }
    if (result.ok()) {
      console.info(String.format(Locale.ROOT, "Release command finished on %s in %.1f seconds", host,
          elapsed.toMillis() / 1000.0));
      return;
    }
    if (ReleaseCommands.timedOut(release.timeoutSeconds(), result.exitCode(), elapsed.toSeconds())) {
      throw new ReleaseFailedException("Release command timed out after " + release.timeoutSeconds() + "s on "
          + host + " (its container " + commands.containerName() + " was removed)", host, true);
    }
    String error = result.lastErrorLine();
    throw new ReleaseFailedException("Release command failed on " + host + " with exit code " + result.exitCode()
        + (error.isEmpty() ? "" : " (" + error + ")"), host, false);
  }
}

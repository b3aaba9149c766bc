package io.sextant.app;

import io.sextant.commands.AppCommands;
import io.sextant.commands.ContainerSpec;
import io.sextant.commands.DockerCommands;
import io.sextant.commands.EnvFile;
import io.sextant.console.Console;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Boots one role on one host (Kamal's {@code Kamal::Cli::App::Boot}): writes the role's env file (0600), makes
 * sure the {@code kamal} network exists, renames a container already holding the new name, runs the new version,
 * waits until it is ready, then stops the previous version. A role that publishes host ports cannot run two
 * versions side by side, so its previous container is stopped first (and started again if the new one fails).
 * On failure the new container is stopped and the previous one keeps (or resumes) serving.
 */
final class RoleBoot {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int LOG_LINES = 20;

  private final SshHosts ssh;
  private final Console console;
  private final String host;
  private final AppCommands app;
  private final ContainerSpec spec;
  private final Map<String, String> env;
  private final Integer stopTimeout;
  private final Readiness readiness;

  RoleBoot(SshHosts ssh, Console console, String host, AppCommands app, ContainerSpec spec,
      Map<String, String> env, Integer stopTimeout, Readiness readiness) {
    this.ssh = ssh;
    this.console = console;
    this.host = host;
    this.app = app;
    this.spec = spec;
    this.env = env;
    this.stopTimeout = stopTimeout;
    this.readiness = readiness;
  }

  BootResult run() {
    writeEnvFile();
    require("network", DockerCommands.ensureNetwork());
    renameIfClashing();
    String previous = currentVersion();
    boolean previousStoppedFirst = false;
    if (previous != null && !spec.publishedPorts().isEmpty()) {
      console.info(host + ": role " + app.role() + " publishes host port(s) " + String.join(", ", spec.publishedPorts())
          + ", so " + app.containerName(previous) + " is stopped before " + app.containerName()
          + " starts (the role is down until the new container is ready)");
      require("stop of the previous container", app.stop(previous, stopTimeout));
      previousStoppedFirst = true;
    }
    try {
      require("docker run", app.run(spec, host, hostname()));
      readiness.await(host, app, this::logsAndFail);
    } catch (StepFailed failure) {
      ssh.run(host, app.stop(app.version(), stopTimeout));
      String detail = failure.detail;
      if (previousStoppedFirst) {
        RemoteResult restart = ssh.run(host, app.start(previous));
        detail += restart.ok()
            ? "\n(" + app.containerName(previous) + " was started again)"
            : "\n(" + app.containerName(previous) + " could not be started again: " + restart.lastErrorLine() + ")";
      }
      throw new StepFailed(failure.step, detail);
    }
    if (previous != null && !previousStoppedFirst) {
      RemoteResult stop = ssh.run(host, app.stop(previous, stopTimeout));
      if (!stop.ok()) {
        // Kamal ignores this too: the new version is up; say so rather than fail the deploy.
        console.error(host + ": could not stop " + app.containerName(previous) + ": " + stop.lastErrorLine());
      }
    }
    console.info(host + ": " + app.containerName() + " is ready"
        + (previous == null ? "" : " (" + app.containerName(previous) + " stopped)"));
    return new BootResult(host, app.role(), app.containerName(), previous);
  }

  private void writeEnvFile() {
    require("env file", app.makeEnvDirectory());
    try {
      ssh.upload(host, EnvFile.render(env).getBytes(StandardCharsets.UTF_8), app.envFile(), "600");
    } catch (RuntimeException e) {
      throw new StepFailed("env file", e.getMessage());
    }
  }

  private void renameIfClashing() {
    RemoteResult existing = require("container lookup", app.containerIdForVersion(app.version(), false));
    if (!existing.stdout().isBlank()) {
      String renamed = app.version() + "_replaced_" + HexFormat.of().formatHex(randomBytes(8));
      console.info(host + ": renaming container " + app.containerName() + " to " + app.containerName(renamed)
          + " as it is already deployed");
      require("rename of the existing container", app.renameContainer(app.version(), renamed));
    }
  }

  private String currentVersion() {
    RemoteResult result = ssh.run(host, app.currentRunningVersion());
    String version = result.ok() ? result.stdout().strip() : "";
    return version.isEmpty() ? null : version.lines().findFirst().orElse(null);
  }

  /** Called by {@link Readiness} when the container does not become ready: adds its last log lines. */
  private StepFailed logsAndFail(String reason) {
    RemoteResult logs = ssh.run(host, app.containerLogs(app.version(), LOG_LINES));
    String text = logs.stdout().strip();
    String detail = reason + (text.isEmpty() ? " (no log output)"
        : "; last log lines of " + app.containerName() + ":\n" + indent(console.redacted(text)));
    return new StepFailed("readiness", detail);
  }

  private RemoteResult require(String step, String command) {
    RemoteResult result = ssh.run(host, command);
    if (!result.ok()) {
      String detail = result.lastErrorLine();
      String exit = result.exitCode() == RemoteResult.NOT_RUN ? "could not run" : "exit " + result.exitCode();
      throw new StepFailed(step, detail.isEmpty() ? exit : exit + ": " + detail);
    }
    return result;
  }

  /** Kamal's container hostname: the host name (at most 51 characters) plus a random suffix. */
  private String hostname() {
    String name = host.replaceFirst("^[^@]*@", "").replaceFirst(":\\d+$", "").replaceAll("[^A-Za-z0-9.-]", "-");
    name = name.substring(0, Math.min(51, name.length())).replaceAll("\\.+$", "");
    return name + "-" + HexFormat.of().formatHex(randomBytes(6));
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String indent(String text) {
    return String.join("\n", text.lines().map(line -> "  " + line).toList());
  }

  /** A failed step of this boot; turned into a {@link BootFailure} by the booter. */
  static final class StepFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String step;
    final String detail;

    StepFailed(String step, String detail) {
      super(step + ": " + detail, null, false, false);
      this.step = step;
      this.detail = detail;
    }
  }
}

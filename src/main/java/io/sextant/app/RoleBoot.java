package io.sextant.app;

import io.sextant.commands.AppCommands;
import io.sextant.commands.AppProxyCommands;
import io.sextant.commands.AssetCommands;
import io.sextant.commands.BootScripts;
import io.sextant.commands.ContainerSpec;
import io.sextant.commands.EnvFile;
import io.sextant.commands.StepScript;
import io.sextant.console.Console;
import io.sextant.ssh.OutputListener;
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
 * On failure the new container is stopped and the previous one keeps (or resumes) serving. Everything up to
 * {@code docker run} is one exec ({@link BootScripts#prepare}); a second one comes first only when a rename or an
 * early stop must ({@link BootScripts#start}).
 *
 * <p>A role behind kamal-proxy is ready when the proxy says so: {@code kamal-proxy deploy} with the new container
 * as target waits for its health check, switches traffic to it and drains the previous target; only then is the
 * previous container stopped (Kamal's {@code Cli::App::Boot#start_new_version}).
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
  private final AppProxyCommands proxy;
  private final Runnable onReady;
  private final AssetCommands assets;

  RoleBoot(SshHosts ssh, Console console, String host, AppCommands app, ContainerSpec spec,
      Map<String, String> env, Integer stopTimeout, Readiness readiness) {
    this(ssh, console, host, app, spec, env, stopTimeout, readiness, null, () -> { }, null);
  }

  /**
   * @param proxy the role's kamal-proxy commands when it runs behind the proxy, else null
   * @param onReady run once the new container is ready (the health barrier); behind the proxy, after the previous
   *     container stopped, since that stop runs in the same exec as {@code kamal-proxy deploy}
   * @param assets the role's asset commands when it bridges assets (behind the proxy only), else null: the new
   *     container mounts its asset volume, and older asset directories go once the previous container stopped
   */
  RoleBoot(SshHosts ssh, Console console, String host, AppCommands app, ContainerSpec spec,
      Map<String, String> env, Integer stopTimeout, Readiness readiness, AppProxyCommands proxy, Runnable onReady,
      AssetCommands assets) {
    this.proxy = proxy;
    this.assets = assets;
    this.onReady = onReady;
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
    String run = app.run(spec, host, hostname(), assets);
    StepScript.Outcome prepared = exec(BootScripts.prepare(app, run, !spec.publishedPorts().isEmpty()),
        EnvFile.render(env).getBytes(StandardCharsets.UTF_8));
    if (!prepared.ok() && !BootScripts.RUN.equals(prepared.failedStep())) {
      throw failed(prepared);
    }
    String current = prepared.value(BootScripts.CURRENT);
    boolean ran = !prepared.ok() || prepared.value(BootScripts.STARTED) != null; // here a failure is docker run's
    Start start = ran
        ? new Start(versionOrNull(current), false, prepared.ok() ? null : failed(prepared),
            prepared.value(BootScripts.STARTED))
        : startAfterDecisions(prepared.value(BootScripts.EXISTING), current, run);
    String previous = start.previous();
    boolean previousStoppedFirst = start.previousStoppedFirst();
    Readiness.Ready ready;
    try {
      if (start.runFailure() != null) {
        throw start.runFailure();
      }
      if (proxy != null) {
        ready = deployToProxy(start.containerId(),
            previous != null && !previousStoppedFirst ? stopBehindProxy(previous) : null);
      } else {
        String stopPrevious = previous != null && !previousStoppedFirst ? app.stopByName(previous, stopTimeout) : null;
        ready = readiness.await(host, app, stopPrevious, this::logsAndFail);
      }
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
    onReady.run();
    if (previous != null && !previousStoppedFirst) {
      String stopError = ready.onHealthyError();
      if (!ready.onHealthyRan()) {
        RemoteResult stop = ssh.run(host, proxy != null ? stopBehindProxy(previous) : app.stop(previous, stopTimeout));
        stopError = stop.ok() ? null : stop.lastErrorLine();
      }
      if (stopError != null) {
        // Kamal ignores this too: the new version is up; say so rather than fail the deploy.
        console.error(host + ": could not stop " + app.containerName(previous) + ": " + stopError);
      }
    }
    console.info(host + ": " + app.containerName() + " is ready"
        + (previous == null ? "" : " (" + app.containerName(previous) + " stopped)"));
    return new BootResult(host, app.role(), app.containerName(), previous);
  }

  /**
   * How the new container was started.
   *
   * @param previous the version that was running before (to stop once the new one is ready), or null
   * @param previousStoppedFirst it was stopped before the new one started (a role publishing host ports)
   * @param runFailure {@code docker run} failed (the new container is stopped again), or null
   * @param containerId what {@code docker run} printed: the new container's id (null when it failed)
   */
  private record Start(String previous, boolean previousStoppedFirst, StepFailed runFailure, String containerId) {}

  /**
   * The second exec, when {@code docker run} had to wait for a decision: renames the container already holding the
   * new name, stops the previous one first for a role publishing host ports (and says so), then runs the new one.
   * A failed rename or stop throws: nothing new runs, so there is nothing to undo.
   */
  private Start startAfterDecisions(String existing, String current, String run) {
    String previous = versionOrNull(current);
    String renamed = null;
    if (existing != null && !existing.isEmpty()) {
      renamed = app.version() + "_replaced_" + HexFormat.of().formatHex(randomBytes(8));
      console.info(host + ": renaming container " + app.containerName() + " to " + app.containerName(renamed)
          + " as it is already deployed");
      if (app.version().equals(previous)) {
        previous = renamed; // the running container is the one being renamed
      }
    }
    String stopFirst = null;
    if (previous != null && !spec.publishedPorts().isEmpty()) {
      console.info(host + ": role " + app.role() + " publishes host port(s) " + String.join(", ", spec.publishedPorts())
          + ", so " + app.containerName(previous) + " is stopped before " + app.containerName()
          + " starts (the role is down until the new container is ready)");
      stopFirst = previous;
    }
    StepScript.Outcome started = exec(BootScripts.start(app, renamed, stopFirst, stopTimeout, run), null);
    if (!started.ok() && !BootScripts.RUN.equals(started.failedStep())) {
      throw failed(started);
    }
    // This exec does not capture docker run's output: the proxy deploy looks the id up.
    return new Start(previous, stopFirst != null, started.ok() ? null : failed(started), null);
  }

  /**
   * Registers the new container with kamal-proxy, which returns once the container passed its health check and
   * traffic goes to it (or fails after the deploy timeout with its own message).
   *
   * @param containerId the id {@code docker run} printed (kamal-proxy reaches the container by its short id on
   *     the {@code kamal} network, as Kamal's {@code docker container ls --quiet} gives it)
   */
  private Readiness.Ready deployToProxy(String containerId, String stopPrevious) {
    String id = containerId == null ? "" : containerId.strip();
    if (id.isEmpty()) {
      id = ssh.run(host, app.containerIdForVersion(app.version(), false)).stdout().strip();
    }
    if (id.isEmpty()) {
      throw new StepFailed("proxy deploy", "Failed to get endpoint for " + app.role() + " on " + host
          + ", did the container boot?");
    }
    String target = id.substring(0, Math.min(12, id.length()));
    RemoteResult deployed = ssh.run(host,
        stopPrevious == null ? proxy.deploy(target) : proxy.deployThen(target, stopPrevious));
    if (!deployed.ok()) {
      String error = deployed.lastErrorLine().isEmpty() ? deployed.stdout().strip() : deployed.lastErrorLine();
      throw logsAndFail("proxy deploy", "kamal-proxy: " + (error.isEmpty() ? "exit " + deployed.exitCode() : error));
    }
    if (stopPrevious == null) {
      return new Readiness.Ready(false, null);
    }
    String failedStop = deployed.stdout().lines().filter(line -> line.startsWith(AppCommands.ON_HEALTHY_FAILED))
        .findFirst().orElse(null);
    return new Readiness.Ready(true, failedStop == null ? null
        : deployed.lastErrorLine().isEmpty() ? failedStop : deployed.lastErrorLine());
  }

  /**
   * Stops the previous container of a role behind the proxy (which drained it), then removes the older asset
   * directories and error pages (Kamal's {@code stop_old_version}).
   */
  private String stopBehindProxy(String previous) {
    String stop = app.stop(previous, stopTimeout);
    if (assets != null) {
      stop += " ; " + assets.cleanUp();
    }
    return proxy.errorPages() ? stop + " ; " + proxy.cleanUpErrorPages() : stop;
  }

  private static String versionOrNull(String version) {
    return version == null || version.isEmpty() ? null : version;
  }

  /** Runs a script in one exec and reads which step, if any, failed. */
  private StepScript.Outcome exec(StepScript script, byte[] stdin) {
    OutputListener shown = ssh.listener();
    // The values the script hands back are for Sextant, not for the -v output.
    RemoteResult result = ssh.run(host, script.render(), stdin, (from, stderr, line) -> {
      if (stderr || !StepScript.isValueLine(line)) {
        shown.line(from, stderr, line);
      }
    });
    return script.read(result.exitCode(), result.stdout(), result.stderr());
  }

  private static StepFailed failed(StepScript.Outcome outcome) {
    String exit = "exit " + outcome.exitCode();
    return new StepFailed(outcome.failedStep(), outcome.error().isEmpty() ? exit : exit + ": " + outcome.error());
  }

  /** Called by {@link Readiness} when the container does not become ready: adds its last log lines. */
  private StepFailed logsAndFail(String reason) {
    return logsAndFail("readiness", reason);
  }

  private StepFailed logsAndFail(String step, String reason) {
    RemoteResult logs = ssh.run(host, app.containerLogs(app.version(), LOG_LINES));
    String text = logs.stdout().strip();
    String detail = reason + (text.isEmpty() ? " (no log output)"
        : "; last log lines of " + app.containerName() + ":\n" + indent(console.redacted(text)));
    return new StepFailed(step, detail);
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

package io.sextant.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Remote command lines of the release command ({@code x-release}): a one-off container of the version being booted,
 * built as Kamal's {@code app exec} builds its new container
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/app/execution.rb#L10-L24), named
 * {@code <service>-<role>[-<destination>]-release-<version>} so that it can be found and removed whatever happens.
 * Pure: every method returns shell text.
 */
public final class ReleaseCommands {
  /** Seconds between the timeout's SIGTERM (passed on to the container) and the SIGKILL, as for hooks (B3). */
  public static final int KILL_AFTER_SECONDS = 10;

  private final AppCommands app;

  /** @param app the commands of the release role, about the version being booted */
  public ReleaseCommands(AppCommands app) {
    this.app = Objects.requireNonNull(app, "app");
  }

  public String containerName() {
    return app.containerPrefix() + "-release-" + app.version();
  }

  /**
   * One exec before the run: the role's env file from stdin (mode 0600; on a first deploy there is none yet), the
   * {@code kamal} network, and no container left by an earlier release of the same version.
   */
  public StepScript prepare() {
    return new StepScript("release")
        .runWithStdin("env file", app.writeEnvFile())
        .run("network", DockerCommands.ensureNetwork())
        .run("removal of an earlier release container", remove() + " >/dev/null 2>&1 || true");
  }

  /**
   * The run, output streamed, exit status the command's. With a timeout, {@code timeout} sends SIGTERM after
   * {@code timeoutSeconds} ({@code docker run} passes it on to the container) and SIGKILL {@value #KILL_AFTER_SECONDS}
   * seconds later; the container is removed afterwards in every case, since a killed client leaves it running. The
   * script runs under {@code sh}: after a SIGKILL it prints a bare {@code Killed}, where a login shell (bash) would
   * print the whole command line.
   *
   * @param spec the role's container settings ({@link ContainerSpec#forOneOff()} is applied here)
   * @param command the words after the image
   * @param env {@code --env} variables, after the env file
   * @param timeoutSeconds the timeout, or {@code null} for none
   */
  public String run(ContainerSpec spec, List<String> command, Map<String, String> env, Integer timeoutSeconds) {
    ContainerSpec oneOff = spec.forOneOff();
    List<String> words = new ArrayList<>();
    if (timeoutSeconds != null) {
      words.addAll(List.of("timeout", "-k", Integer.toString(KILL_AFTER_SECONDS), timeoutSeconds.toString()));
    }
    words.addAll(List.of("docker", "run", "--rm", "--name", containerName(), "--network", DockerCommands.NETWORK,
        "--env-file", app.envFile()));
    env.forEach((key, value) -> words.addAll(List.of("--env", key + "=" + value)));
    words.addAll(oneOff.loggingArgs());
    oneOff.volumes().forEach(volume -> words.addAll(List.of("--volume", volume)));
    words.addAll(oneOff.optionArgs());
    words.add(app.image());
    words.addAll(command);
    String script = Shell.join(words) + " </dev/null; s=$?; " + remove() + " >/dev/null 2>&1; exit $s";
    return "sh -c " + Shell.quote(script);
  }

  /** Removes the release container, running or not (nothing, successfully, when there is none). */
  public String remove() {
    return Shell.join(List.of("docker", "container", "rm", "--force", containerName()));
  }

  /**
   * Whether a run that ended with {@code exitCode} after {@code elapsedSeconds} was stopped by its timeout:
   * {@code timeout} exits 124 after its SIGTERM, 137 after its SIGKILL.
   */
  public static boolean timedOut(Integer timeoutSeconds, int exitCode, long elapsedSeconds) {
    return timeoutSeconds != null && (exitCode == 124 || exitCode == 137) && elapsedSeconds >= timeoutSeconds;
  }
}

package io.sextant.commands;

/**
 * The round trips of booting a role on a host (Kamal's {@code app boot} steps), each a {@link StepScript} of
 * {@link AppCommands} lines: {@link #prepare} does everything up to {@code docker run} in one exec, and runs the
 * container too when no client-side decision sits in between; {@link #start} is the second exec when one does
 * (a container already has the new name, or a role publishing host ports must stop its previous container first).
 */
public final class BootScripts {
  /** Value of {@link #prepare}: the id of a container already named for the new version, or empty. */
  public static final String EXISTING = "existing";
  /** Value of {@link #prepare}: the version of the role's running container, or empty. */
  public static final String CURRENT = "current";
  /** Value of {@link #prepare}: the new container's id; absent when {@code docker run} was left to {@link #start}. */
  public static final String STARTED = "started";
  /** The step name of {@code docker run} (a failure there stops the new container again). */
  public static final String RUN = "docker run";

  private BootScripts() {}

  /**
   * One exec: the env file from stdin (mode 0600, never on a command line), the {@code kamal} network, the lookup
   * of a container holding the new name, the current version ({@value #CURRENT}, empty when it cannot be told),
   * then {@code docker run} unless a container already has the name or, when {@code stopsPreviousFirst}, another
   * version is running.
   *
   * @param run the {@code docker run} line ({@link AppCommands#run})
   * @param stopsPreviousFirst the role publishes host ports, so a running previous version must stop before
   */
  public static StepScript prepare(AppCommands app, String run, boolean stopsPreviousFirst) {
    String condition = "[ -z " + StepScript.value(EXISTING) + " ]"
        + (stopsPreviousFirst ? " && [ -z " + StepScript.value(CURRENT) + " ]" : "");
    return new StepScript("boot")
        .runWithStdin("env file", app.writeEnvFile())
        .run("network", DockerCommands.ensureNetwork())
        .capture("container lookup", EXISTING, app.containerIdForVersion(app.version(), false))
        .captureOrEmpty("current version", CURRENT, app.currentRunningVersion())
        .captureIf(condition, RUN, STARTED, run);
  }

  /**
   * One exec after {@link #prepare} left {@code docker run} out: renames the container holding the new name (when
   * {@code renameTo} is given), stops {@code stopFirst}'s container (when given), then runs the new one.
   *
   * @param renameTo the version suffix the clashing container gets, or {@code null}
   * @param stopFirst the previous version to stop before the run, or {@code null}
   * @param stopTimeout seconds {@code docker stop} waits, or {@code null} for Docker's default
   */
  public static StepScript start(AppCommands app, String renameTo, String stopFirst, Integer stopTimeout,
      String run) {
    StepScript script = new StepScript("boot");
    if (renameTo != null) {
      script.run("rename of the existing container", app.renameContainer(app.version(), renameTo));
    }
    if (stopFirst != null) {
      script.run("stop of the previous container", app.stop(stopFirst, stopTimeout));
    }
    return script.run(RUN, run);
  }
}

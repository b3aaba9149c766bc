package io.sextant.commands;

import io.sextant.config.DeployConfig;
import io.sextant.config.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Remote command lines for the app containers of one role (Kamal's {@code Kamal::Commands::App}): names,
 * {@code docker run}, start/stop, status, versions, logs, exec, removal. Pure: every method returns the shell
 * text to run on a host; quoting goes through {@link Shell}. Containers are found by their labels
 * ({@code service}, {@code destination}, {@code role}) and named {@code <service>-<role>[-<destination>]-<version>}
 * exactly as Kamal does, so both tools see each other's containers.
 *
 * @param service the {@code service} name
 * @param destination the {@code -d} destination, or {@code null}
 * @param repository the image without tag, registry included (e.g. {@code registry:5000/dhh/app})
 * @param role the role name
 * @param version the version this command set is about (the one being booted)
 */
public record AppCommands(String service, String destination, String repository, String role, String version) {
  /** {@code docker inspect} format giving the health status when the container has a healthcheck, else its state. */
  public static final String HEALTH_STATUS_FORMAT =
      "{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}";

  private static final List<String> ACTIVE_STATUSES = List.of("running", "restarting");

  public AppCommands {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(version, "version");
    destination = destination == null || destination.isEmpty() ? null : destination;
  }

  /** The commands for {@code role} of this configuration, about {@code version}. */
  public static AppCommands of(DeployConfig config, Role role, String version) {
    return new AppCommands(config.service(), config.destination(), config.repository(), role.name(), version);
  }

  // ---- names and paths ----

  /** The image of {@link #version()}: {@code <repository>:<version>}. */
  public String image() {
    return repository + ":" + version;
  }

  /** The tag of the last booted version: {@code <repository>:latest}, or {@code latest-<destination>}. */
  public String latestImage() {
    return repository + ":" + (destination == null ? "latest" : "latest-" + destination);
  }

  /** {@code <service>-<role>[-<destination>]}. */
  public String containerPrefix() {
    return destination == null ? service + "-" + role : service + "-" + role + "-" + destination;
  }

  public String containerName() {
    return containerName(version);
  }

  public String containerName(String otherVersion) {
    return containerPrefix() + "-" + otherVersion;
  }

  /** {@code .kamal/apps/<service>[-<destination>]}, relative to the SSH user's home. */
  public String appDirectory() {
    return ".kamal/apps/" + (destination == null ? service : service + "-" + destination);
  }

  /** Removes {@link #appDirectory()} and everything in it (Kamal's {@code server remove_app_directory}). */
  public String removeAppDirectory() {
    return Shell.join(List.of("rm", "-r", appDirectory()));
  }

  /**
   * Kamal's {@code app remove_app_directories} on one host: the app's directory and the role's kamal-proxy config
   * directory; either may be gone already, which is not an error (the line's status stays 0).
   */
  public String removeAppDirectories(AppProxyCommands proxy) {
    return removeAppDirectory() + " ; " + proxy.removeProxyAppDirectory() + " ; true";
  }

  /** Directory of the role env files. */
  public String envDirectory() {
    return appDirectory() + "/env/roles";
  }

  /** The role's env file: {@code .kamal/apps/<service>[-<destination>]/env/roles/<role>.env}. */
  public String envFile() {
    return envDirectory() + "/" + role + ".env";
  }

  public String makeEnvDirectory() {
    return Shell.join(List.of("mkdir", "-p", envDirectory()));
  }

  /** Writes the role's env file from stdin (mode 0600, never on a command line), its directory first. */
  public String writeEnvFile() {
    return makeEnvDirectory() + " && " + RemoteFiles.writeStdinTo(envFile(), "600");
  }

  public String removeEnvFile() {
    return Shell.join(List.of("rm", "-f", envFile()));
  }

  // ---- lifecycle ----

  /**
   * {@code docker run} of {@link #version()}: detached, restarted unless stopped, on the {@code kamal} network,
   * with Kamal's {@code KAMAL_*} variables, the role env file, logging, volumes, labels and options.
   *
   * @param host the host it runs on ({@code KAMAL_HOST})
   * @param hostname the container's hostname, or {@code null}
   */
  public String run(ContainerSpec spec, String host, String hostname) {
    return run(spec, host, hostname, null);
  }

  /**
   * {@link #run(ContainerSpec, String, String)} with the role's asset volume after the configured volumes
   * (Kamal's {@code asset_volume_args}).
   *
   * @param assets the role's asset commands when it bridges assets, else null
   */
  public String run(ContainerSpec spec, String host, String hostname, AssetCommands assets) {
    List<String> words = new ArrayList<>(List.of(
        "docker", "run", "--detach", "--restart", "unless-stopped", "--name", containerName(),
        "--network", DockerCommands.NETWORK));
    if (hostname != null) {
      words.addAll(List.of("--hostname", hostname));
    }
    words.addAll(List.of("--env", "KAMAL_CONTAINER_NAME=" + containerName()));
    words.addAll(List.of("--env", "KAMAL_VERSION=" + version));
    words.addAll(List.of("--env", "KAMAL_HOST=" + host));
    if (destination != null) {
      words.addAll(List.of("--env", "KAMAL_DESTINATION=" + destination));
    }
    words.addAll(List.of("--env-file", envFile()));
    words.addAll(spec.loggingArgs());
    spec.volumes().forEach(volume -> words.addAll(List.of("--volume", volume)));
    // The asset volume is shell text already (its directory is made absolute by the remote shell's $PWD).
    String assetVolume = assets == null ? "" : " --volume " + assets.volume();
    List<String> rest = new ArrayList<>();
    labels(spec.labels()).forEach((key, value) ->
        rest.addAll(List.of("--label", value == null ? key : key + "=" + value)));
    rest.addAll(spec.optionArgs());
    rest.add(image());
    String line = Shell.join(words) + assetVolume + " " + Shell.join(rest);
    // The role's cmd is shell text, split by the remote shell (as Kamal does).
    return spec.cmd() == null || spec.cmd().isBlank() ? line : line + " " + spec.cmd();
  }

  public String start() {
    return Shell.join(List.of("docker", "start", containerName()));
  }

  /** Starts the container of another version (e.g. the old one again after a failed boot). */
  public String start(String otherVersion) {
    return Shell.join(List.of("docker", "start", containerName(otherVersion)));
  }

  /**
   * Stops the container of {@code otherVersion} (nothing when there is none).
   *
   * @param stopTimeout seconds Docker waits before killing it, or {@code null} for Docker's default
   */
  public String stop(String otherVersion, Integer stopTimeout) {
    return containerIdForVersion(otherVersion, false) + " | " + stopWords(stopTimeout);
  }

  /** Prints the id of the role's current running container (nothing when none runs). */
  public String currentRunningContainerId() {
    return currentRunningContainer("--quiet");
  }

  /** Stops the role's current running container. */
  public String stopCurrent(Integer stopTimeout) {
    return currentRunningContainer("--quiet") + " | " + stopWords(stopTimeout);
  }

  private static String stopWords(Integer stopTimeout) {
    return "xargs -r " + Shell.join(dockerStop(stopTimeout));
  }

  /** {@code docker stop}, with {@code -t} when a stop timeout is set. */
  private static List<String> dockerStop(Integer stopTimeout) {
    List<String> words = new ArrayList<>(List.of("docker", "stop"));
    if (stopTimeout != null) {
      words.addAll(List.of("-t", stopTimeout.toString()));
    }
    return words;
  }

  /** Prints the health status of a version's container ({@code healthy}, {@code starting}, {@code running}, …). */
  public String status(String otherVersion) {
    return containerIdForVersion(otherVersion, false) + " | xargs -r "
        + Shell.join(List.of("docker", "inspect", "--format", HEALTH_STATUS_FORMAT));
  }

  /** Starts the line {@link #awaitHealthy} prints when its {@code onHealthy} command failed. */
  public static final String ON_HEALTHY_FAILED = "onHealthy-failed";

  /**
   * Waits on the host, in one exec, until the container of {@link #version()} is {@code healthy}: prints its
   * status, and while that is {@code starting} or {@code unhealthy} follows {@code docker events} for its
   * {@code health_status} changes, printing each, until {@code healthy} (then stops the events stream) or
   * {@code timeoutSeconds} pass. Docker pushes the change the moment a check passes, so no poll interval is
   * added and no {@code docker} CLI runs per poll. Events are followed by container id with a 10-minute replay
   * ({@code --since}), so a change between the first status and the subscription is not missed, and events of
   * an older container that had the same name before a rename are not picked up. The last status line is the
   * last known status; a host without {@code timeout} prints only the first status (the caller then polls).
   *
   * @param onHealthy a command run on the host as soon as the container is healthy (e.g. the stop of the previous
   *     version), or null; its stdout is dropped, its stderr passed on, and when it fails the line
   *     {@code onHealthy-failed EXIT} follows {@code healthy}
   */
  public String awaitHealthy(long timeoutSeconds, String onHealthy) {
    String then = onHealthy == null ? ""
        : "{ " + onHealthy + "; } >/dev/null </dev/null || echo \"" + ON_HEALTHY_FAILED + " $?\"; ";
    String events = Shell.join(List.of("timeout", Long.toString(timeoutSeconds), "docker", "events", "--since", "10m",
        "--filter", "event=health_status", "--format", "{{.Status}}"));
    return "s=$(" + Shell.join(List.of("docker", "inspect", "--format", "{{.Id}} " + HEALTH_STATUS_FORMAT,
            containerName())) + ") || exit; "
        + "echo \"${s#* }\"; "
        + "case ${s#* } in starting|unhealthy) ;; healthy) " + then + "exit 0 ;; *) exit 0 ;; esac; "
        + "{ " + events + " --filter \"container=${s%% *}\" & echo \"pid $!\"; wait; } | "
        + "while read -r k v; do case $k in "
        + "pid) p=$v ;; "
        + "health_status:) echo \"$v\"; if [ \"$v\" = healthy ]; then kill \"$p\"; " + then + "exit 0; fi ;; "
        + "esac; done";
  }

  /** Stops the container of {@code otherVersion} by name (one {@code docker} call, for a container known to exist). */
  public String stopByName(String otherVersion, Integer stopTimeout) {
    List<String> words = dockerStop(stopTimeout);
    words.add(containerName(otherVersion));
    return Shell.join(words);
  }

  public String renameContainer(String fromVersion, String toVersion) {
    return Shell.join(List.of("docker", "rename", containerName(fromVersion), containerName(toVersion)));
  }

  // ---- queries ----

  /** {@code docker ps} of the role's containers. */
  public String info() {
    List<String> words = new ArrayList<>(List.of("docker", "ps"));
    words.addAll(filterArgs(List.of()));
    return Shell.join(words);
  }

  /** Prints the id of the container named for {@code otherVersion} (running or, unless {@code onlyRunning}, not). */
  public String containerIdForVersion(String otherVersion, boolean onlyRunning) {
    List<String> words = new ArrayList<>(List.of("docker", "container", "ls"));
    if (!onlyRunning) {
      words.add("--all");
    }
    words.addAll(List.of("--filter", "name=^" + containerName(otherVersion) + "$", "--quiet"));
    return Shell.join(words);
  }

  /** Prints the version of the role's running container (the one of the {@code latest} image first). */
  public String currentRunningVersion() {
    return currentRunningContainer("--format '{{.Names}}'") + " | " + extractVersion();
  }

  /** Prints the version of every container of the role (newest first), filtered by status when given. */
  public String listVersions(List<String> statuses) {
    List<String> words = new ArrayList<>(List.of("docker", "ps"));
    words.addAll(filterArgs(statuses));
    words.addAll(List.of("--format", "{{.Names}}"));
    return Shell.join(words) + " | " + extractVersion();
  }

  /**
   * Prints {@code <role> <version>} for every running container of the role whose version is not the one running
   * now (Kamal's {@code app stale_containers}: {@code list_versions} minus {@code current_running_version}).
   */
  public String staleVersions() {
    return "current=$(" + currentRunningVersion() + "); " + listVersions(List.of("running"))
        + " | while read v; do [ \"$v\" = \"$current\" ] || echo " + Shell.quote(role) + " \"$v\"; done";
  }

  public String listContainers() {
    List<String> words = new ArrayList<>(List.of("docker", "container", "ls", "--all"));
    words.addAll(filterArgs(List.of()));
    return Shell.join(words);
  }

  /** Every container of the service and destination, all roles (Kamal's role-less {@code app containers}). */
  public String listServiceContainers() {
    return Shell.join(List.of("docker", "container", "ls", "--all",
        "--filter", "label=service=" + service,
        "--filter", "label=destination=" + (destination == null ? "" : destination)));
  }

  public String listContainerNames() {
    return listContainers() + " " + Shell.join(List.of("--format", "{{ .Names }}"));
  }

  // ---- logs and exec ----

  /**
   * Logs of the current container (or of {@code containerId}), Kamal's {@code app logs}
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/app/logging.rb#L2-L7).
   *
   * @param containerId the container to read instead of the current one, or {@code null}
   * @param timestamps whether Docker prefixes each line with its time (Kamal's default; {@code -T} turns it off)
   * @param since e.g. {@code 5m}, or {@code null}
   * @param lines number of last lines, or {@code null} for all
   * @param grep a pattern to keep, or {@code null}
   * @param grepOptions extra grep options as shell text, or {@code null}
   */
  public String logs(String containerId, boolean timestamps, String since, Integer lines, String grep,
      String grepOptions) {
    List<String> words = new ArrayList<>(List.of("xargs", "docker", "logs"));
    if (timestamps) {
      words.add("--timestamps");
    }
    if (since != null) {
      words.addAll(List.of("--since", since));
    }
    if (lines != null) {
      words.addAll(List.of("--tail", lines.toString()));
    }
    return logSource(containerId) + " | " + Shell.join(words) + " 2>&1" + grepped(grep, grepOptions);
  }

  /**
   * The logs of {@link #logs} followed ({@code docker logs --follow}), Kamal's {@code follow_logs} without its
   * {@code ssh -t} wrapper (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/app/logging.rb#L9-L18).
   */
  public String followLogs(String containerId, boolean timestamps, Integer lines, String grep, String grepOptions) {
    List<String> words = new ArrayList<>(List.of("xargs", "docker", "logs"));
    if (timestamps) {
      words.add("--timestamps");
    }
    if (lines != null) {
      words.addAll(List.of("--tail", lines.toString()));
    }
    words.add("--follow");
    return logSource(containerId) + " | " + Shell.join(words) + " 2>&1" + grepped(grep, grepOptions);
  }

  private String logSource(String containerId) {
    return containerId != null ? Shell.join(List.of("echo", containerId)) : currentRunningContainer("--quiet");
  }

  private static String grepped(String grep, String grepOptions) {
    return grep == null ? "" : " | grep " + Shell.quote(grep) + (grepOptions == null ? "" : " " + grepOptions);
  }

  /** The last {@code lines} log lines of a version's container, stdout and stderr together. */
  public String containerLogs(String otherVersion, int lines) {
    return Shell.join(List.of("docker", "logs", "--tail", Integer.toString(lines), containerName(otherVersion)))
        + " 2>&1";
  }

  /**
   * How a command in a container gets its standard input, Kamal's {@code docker_interactive_args}
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/base.rb#L143-L145): not at all, piped
   * ({@code -i}, when the local standard input is no terminal), or a terminal ({@code -it}).
   */
  public enum Stdin {
    NONE(List.of()), PIPED(List.of("-i")), TERMINAL(List.of("-it"));

    private final List<String> args;

    Stdin(List<String> args) {
      this.args = args;
    }
  }

  /** {@code docker exec} in the running container of {@link #version()}. */
  public String executeInExistingContainer(List<String> command, Map<String, String> env, Stdin stdin) {
    List<String> words = new ArrayList<>(List.of("docker", "exec"));
    words.addAll(stdin.args);
    env.forEach((key, value) -> words.addAll(List.of("--env", key + "=" + value)));
    words.add(containerName());
    words.addAll(command);
    return Shell.join(words);
  }

  /**
   * A one-off container of the role's image and env, Kamal's {@code execute_in_new_container}
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/app/execution.rb#L10-L24): removed when
   * its command ends, or left running in the background with {@code detach}. Its name ends in {@code execId}
   * (Kamal: six random hex digits) so that several can run at once. The role's restart policy is left out: the
   * command runs once (and Docker refuses {@code --rm} with {@code --restart}).
   */
  public String executeInNewContainer(ContainerSpec spec, List<String> command, Map<String, String> env,
      Stdin stdin, boolean detach, String execId) {
    List<String> words = new ArrayList<>(List.of("docker", "run"));
    words.addAll(stdin.args);
    words.add(detach ? "--detach" : "--rm");
    words.addAll(List.of("--name", containerPrefix() + "-exec-" + version + "-" + execId,
        "--network", DockerCommands.NETWORK));
    words.addAll(List.of("--env-file", envFile()));
    env.forEach((key, value) -> words.addAll(List.of("--env", key + "=" + value)));
    words.addAll(spec.loggingArgs());
    spec.volumes().forEach(volume -> words.addAll(List.of("--volume", volume)));
    words.addAll(spec.optionArgs("restart"));
    words.add(image());
    words.addAll(command);
    return Shell.join(words);
  }

  // ---- removal and images ----

  public String removeContainer(String otherVersion) {
    return containerIdForVersion(otherVersion, false) + " | xargs -r docker container rm";
  }

  public String removeContainers() {
    List<String> words = new ArrayList<>(List.of("docker", "container", "prune", "--force"));
    words.addAll(filterArgs(List.of()));
    return Shell.join(words);
  }

  public String listImages(String repository) {
    return Shell.join(List.of("docker", "image", "ls", repository));
  }

  /**
   * Removes the service's images no container uses. Images carry only the {@code service} label (the builder sets
   * no role or destination label), so filtering on more, as for containers, would match nothing.
   */
  public String removeImages() {
    return Shell.join(List.of("docker", "image", "prune", "--all", "--force", "--filter", "label=service=" + service));
  }

  /** Tags the booted image as the {@code latest} one on the host (what current-version queries prefer). */
  public String tagLatestImage() {
    return Shell.join(List.of("docker", "tag", image(), latestImage()));
  }

  // ---- helpers ----

  /** Kamal's default labels then the user's; a {@code null} value gives a value-less label. */
  private Map<String, String> labels(Map<String, String> custom) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("service", service);
    labels.put("role", role);
    labels.put("destination", destination);
    labels.putAll(custom);
    return labels;
  }

  private List<String> filterArgs(List<String> statuses) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--filter", "label=service=" + service));
    args.addAll(List.of("--filter", "label=destination=" + (destination == null ? "" : destination)));
    args.addAll(List.of("--filter", "label=role=" + role));
    statuses.forEach(status -> args.addAll(List.of("--filter", "status=" + status)));
    return args;
  }

  /**
   * The newest active container of the role, preferring one created from the {@code latest} image (the last
   * version that booted completely) over a newer leftover. Kamal runs both lookups and keeps the first line; the
   * second one runs here only when the first finds nothing (same answer, one {@code docker} call less).
   */
  private String currentRunningContainer(String format) {
    String latest = "docker ps --latest " + format + " " + Shell.join(filterArgs(ACTIVE_STATUSES));
    String latestImageId = Shell.join(List.of(
        "docker", "image", "ls", "--filter", "reference=" + latestImage(), "--format", "{{.ID}}"));
    String fromLatestImage = latest + " --filter ancestor=$(" + latestImageId + ")";
    return "sh -c " + Shell.quote("c=$(" + fromLatestImage + "); if [ -n \"$c\" ]; then echo \"$c\"; else "
        + latest + "; fi") + " | head -1";
  }

  private String extractVersion() {
    return "while read line; do echo ${line#" + containerPrefix() + "-}; done";
  }
}

package io.sextant.commands;

import io.sextant.config.Accessory;
import io.sextant.config.AccessoryPath;
import io.sextant.config.DeployConfig;
import io.sextant.config.LoggingConfig;
import io.sextant.config.ProxyBoot;
import io.sextant.config.ProxyConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Remote command lines for one accessory, equal byte for byte to Kamal 2.12's
 * (<a href="https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/accessory.rb">commands/accessory.rb</a>
 * and {@code commands/accessory/proxy.rb}) for ordinary values: option values are quoted as Kamal quotes them
 * ({@link Shell#kamalEscape}), names and paths stay bare when no shell would touch them and are single-quoted
 * otherwise, {@code $PWD} is left for the host's shell to expand. Pure.
 *
 * @param accessory the accessory
 * @param serviceAndDestination {@code <service>[-<destination>]}: where the env file lives
 * @param logging the root {@code logging:} (Kamal gives accessories the root logging only)
 * @param proxyOptions the {@code kamal-proxy deploy} options after the target, or null without {@code proxy:}
 */
public record AccessoryCommands(Accessory accessory, String serviceAndDestination, LoggingConfig logging,
    List<String> proxyOptions) {
  public AccessoryCommands {
    Objects.requireNonNull(accessory, "accessory");
    Objects.requireNonNull(serviceAndDestination, "serviceAndDestination");
    logging = logging == null ? LoggingConfig.NONE : logging;
    proxyOptions = proxyOptions == null ? null : List.copyOf(proxyOptions);
  }

  /** The commands for {@code accessory} of {@code config}. */
  @SuppressWarnings("unchecked")
  public static AccessoryCommands of(DeployConfig config, Accessory accessory) {
    List<String> proxyOptions = null;
    if (accessory.runsProxy()) {
      Map<String, Object> settings = accessory.proxy() instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
      // Kamal's Proxy of an accessory has no role: certificates sit directly under the app's tls directory
      proxyOptions = AppProxyCommands.deployOptions(ProxyConfig.of(null, settings), config.deployTimeout(),
          config.drainTimeout(), ProxyBoot.appContainerDirectory(config.serviceAndDestination()) + "/tls", null);
    }
    return new AccessoryCommands(accessory, config.serviceAndDestination(), config.logging(), proxyOptions);
  }

  /** The container's name (and its {@code service} label's value). */
  public String serviceName() {
    return accessory.service();
  }

  // ---- env file ----

  /** {@code .kamal/apps/<service>[-<destination>]/env/accessories}. */
  public String envDirectory() {
    return ".kamal/apps/" + serviceAndDestination + "/env/accessories";
  }

  /** The env file with the secrets, uploaded 0600: {@code <env directory>/<name>.env}. */
  public String secretsPath() {
    return envDirectory() + "/" + accessory.name() + ".env";
  }

  public String ensureEnvDirectory() {
    return makeDirectory(envDirectory());
  }

  // ---- lifecycle ----

  /** {@code docker run} of the accessory on {@code host} ({@code KAMAL_HOST}), or without it when null. */
  public String run(String host) {
    List<String> words = new ArrayList<>(List.of("docker", "run", "--name", name(), "--detach", "--restart",
        Shell.quote(accessory.restartPolicy())));
    words.addAll(networkArgs());
    words.addAll(loggingArgs());
    if (accessory.port() != null) {
      words.addAll(List.of("--publish", Shell.quote(accessory.port())));
    }
    if (host != null) {
      words.addAll(List.of("--env", "KAMAL_HOST=" + Shell.kamalEscape(host)));
    }
    words.addAll(envArgs());
    words.addAll(volumeArgs());
    words.addAll(labelArgs());
    words.addAll(optionArgs());
    words.add(image());
    // cmd is shell text, appended as written (as Kamal does)
    if (accessory.cmd() != null) {
      words.add(accessory.cmd());
    }
    return String.join(" ", words);
  }

  public String start() {
    return "docker container start " + name();
  }

  public String stop() {
    return "docker container stop " + name();
  }

  /** {@code docker ps} of the accessory's containers ({@code all}: stopped ones too; {@code quiet}: ids only). */
  public String info(boolean all, boolean quiet) {
    List<String> words = new ArrayList<>(List.of("docker", "ps"));
    if (all) {
      words.add("-a");
    }
    if (quiet) {
      words.add("-q");
    }
    words.addAll(serviceFilter());
    return String.join(" ", words);
  }

  public String info() {
    return info(false, false);
  }

  /**
   * The log lines (Kamal's spacing kept: {@code --since} and {@code --tail} come with a space of their own).
   *
   * @param since e.g. {@code 5m}, or null
   * @param lines the last lines, or null for all
   * @param grep a pattern, or null
   * @param grepOptions more grep options as shell text, or null
   */
  public String logs(boolean timestamps, String since, Integer lines, String grep, String grepOptions) {
    List<String> words = new ArrayList<>(List.of("docker", "logs", name()));
    if (since != null) {
      words.add(" --since " + Shell.quote(since));
    }
    if (lines != null) {
      words.add(" --tail " + lines);
    }
    if (timestamps) {
      words.add("--timestamps");
    }
    words.add("2>&1");
    String line = String.join(" ", words);
    return grep == null ? line : line + " | grep " + singleQuoted(grep) + (grepOptions == null ? "" : " " + grepOptions);
  }

  /** The remote command of {@code logs -f} (run through {@code ssh -t} on the first host). */
  public String followLogs(boolean timestamps, String grep, String grepOptions) {
    String line = "docker logs " + name() + (timestamps ? " --timestamps" : "") + " --tail 10 --follow 2>&1";
    return grep == null ? line
        : line + " | grep " + Shell.kamalEscape(grep) + (grepOptions == null ? "" : " " + grepOptions);
  }

  /**
   * {@code docker exec} in the running container.
   *
   * @param command shell text (Kamal joins the words of {@code exec NAME CMD...} with spaces)
   * @param interactive {@code -it} with a terminal, {@code -i} for piped input, nothing otherwise
   */
  public String executeInExistingContainer(String command, String interactive) {
    return "docker exec " + (interactive == null ? "" : interactive + " ") + name() + " " + command;
  }

  /** A new container of the accessory's image, removed afterwards. */
  public String executeInNewContainer(String command, String interactive) {
    List<String> words = new ArrayList<>(List.of("docker", "run"));
    if (interactive != null) {
      words.add(interactive);
    }
    words.add("--rm");
    words.addAll(networkArgs());
    words.addAll(envArgs());
    words.addAll(volumeArgs());
    words.addAll(optionArgs());
    words.add(image());
    words.add(command);
    return String.join(" ", words);
  }

  public String pullImage() {
    return "docker image pull " + image();
  }

  public String removeContainer() {
    return "docker container prune --force " + String.join(" ", serviceFilter());
  }

  public String removeImage() {
    return "docker image rm --force " + image();
  }

  /** The directory of uploaded files and relative data directories ({@code ~/<service name>}). */
  public String removeServiceDirectory() {
    return "rm -rf " + name();
  }

  /** Prints the id of the accessory's container (running only, when asked). */
  public String containerId(boolean onlyRunning) {
    return "docker container ls" + (onlyRunning ? "" : " --all") + " --filter 'name=^" + serviceName()
        + "$' --quiet";
  }

  // ---- files and directories ----

  /** Where an uploaded file lives on the host: {@code <service name><remote>}, relative to the SSH user's home. */
  public String hostPath(AccessoryPath file) {
    return serviceName() + file.remote();
  }

  /** Kamal's key of a directory: absolute as written, else {@code $PWD/<service name>/<local>}. */
  public String directoryPath(AccessoryPath directory) {
    return AccessoryPath.isAbsolute(directory.local()) ? directory.local()
        : "$PWD/" + serviceName() + "/" + directory.local();
  }

  /** {@code mkdir -p} of the directory that holds {@code remoteFile}. */
  public String makeDirectoryFor(String remoteFile) {
    int slash = remoteFile.lastIndexOf('/');
    return makeDirectory(slash < 0 ? "." : slash == 0 ? "/" : remoteFile.substring(0, slash));
  }

  public String makeDirectory(String path) {
    return "mkdir -p " + hostWord(path);
  }

  public String chmod(String mode, String path) {
    return "chmod " + Shell.quote(mode) + " " + hostWord(path);
  }

  public String chown(String owner, String path) {
    return "chown " + Shell.quote(owner) + " " + hostWord(path);
  }

  // ---- kamal-proxy ----

  /** Registers {@code target} (a container id) with kamal-proxy under the accessory's name. */
  public String deploy(String target) {
    return proxyDeploy(Shell.kamalEscape(target + ":" + appPort()));
  }

  /** Registers the accessory's running container with kamal-proxy (its id looked up on the host). */
  public String deployRunning() {
    return "id=$(" + containerId(true) + ") && " + proxyDeploy("\"${id}:" + appPort() + "\"");
  }

  /** Removes the accessory from kamal-proxy. */
  public String remove() {
    return proxyExec("remove");
  }

  private String proxyDeploy(String quotedTarget) {
    if (proxyOptions == null) {
      throw new IllegalStateException("accessory " + accessory.name() + " does not run behind kamal-proxy");
    }
    List<String> words = new ArrayList<>(List.of(proxyExec("deploy"), "--target=" + quotedTarget));
    for (String option : proxyOptions) {
      int equals = option.indexOf('=');
      words.add(equals < 0 ? option : option.substring(0, equals + 1) + Shell.kamalEscape(option.substring(equals + 1)));
    }
    return String.join(" ", words);
  }

  private String proxyExec(String command) {
    return "docker exec " + ProxyBoot.CONTAINER_NAME + " kamal-proxy " + command + " " + name();
  }

  private String appPort() {
    return accessory.proxyAppPort();
  }

  // ---- arguments ----

  private String name() {
    return Shell.quote(serviceName());
  }

  private String image() {
    return Shell.quote(accessory.fullImage());
  }

  private List<String> networkArgs() {
    return List.of("--network", Shell.quote(accessory.network()));
  }

  private List<String> serviceFilter() {
    return List.of("--filter", Shell.quote("label=service=" + serviceName()));
  }

  /** Kamal's {@code logging_args}: {@code max-size=10m} unless a driver or options are set. */
  private List<String> loggingArgs() {
    if (logging.isEmpty()) {
      return argumentize("--log-opt", Map.of("max-size", "10m"));
    }
    List<String> args = new ArrayList<>();
    if (logging.driver() != null) {
      args.addAll(List.of("--log-driver", Shell.kamalEscape(logging.driver())));
    }
    args.addAll(argumentize("--log-opt", logging.options()));
    return args;
  }

  private List<String> envArgs() {
    List<String> args = new ArrayList<>(argumentize("--env", accessory.env().clear()));
    args.addAll(List.of("--env-file", Shell.quote(secretsPath())));
    return args;
  }

  /** {@code volumes} as written, then files, then directories, each host path under {@code $PWD} when relative. */
  private List<String> volumeArgs() {
    List<String> args = new ArrayList<>();
    accessory.volumes().forEach(volume -> args.addAll(List.of("--volume", volume)));
    accessory.files().forEach(file -> args.addAll(volume(hostPath(file), file)));
    accessory.directories().forEach(directory -> args.addAll(volume(
        AccessoryPath.isAbsolute(directory.local()) ? directory.local() : serviceName() + "/" + directory.local(),
        directory)));
    return args;
  }

  private List<String> volume(String hostPath, AccessoryPath path) {
    String mount = hostWord(AccessoryPath.isAbsolute(hostPath) ? hostPath : "$PWD/" + hostPath) + ":"
        + Shell.quote(path.remote() == null ? "" : path.remote());
    if (path.options() != null && !path.options().isEmpty()) {
      mount += ":" + Shell.quote(path.options());
    }
    return List.of("--volume", mount);
  }

  private List<String> labelArgs() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("service", serviceName());
    labels.putAll(accessory.labels());
    return argumentize("--label", labels);
  }

  /** Kamal's {@code optionize} of {@code options} without {@code restart}. */
  private List<String> optionArgs() {
    List<String> args = new ArrayList<>();
    accessory.dockerOptions().forEach(option -> {
      args.add("--" + option.getKey());
      if (option.getValue() != null) {
        args.add(Shell.kamalEscape(option.getValue()));
      }
    });
    return args;
  }

  /** Kamal's {@code argumentize}: {@code KEY="value"}, or the bare key for an empty value. */
  private static List<String> argumentize(String flag, Map<String, String> values) {
    List<String> args = new ArrayList<>();
    values.forEach((key, value) -> {
      args.add(flag);
      args.add(value == null || value.isBlank() ? Shell.quote(key) : Shell.quote(key) + "=" + Shell.kamalEscape(value));
    });
    return args;
  }

  /** A host path as one word, {@code $PWD/} left unquoted for the host's shell to expand. */
  private static String hostWord(String path) {
    return path.startsWith("$PWD/") ? "$PWD/" + Shell.quote(path.substring(5)) : Shell.quote(path);
  }

  /** Kamal's {@code grep '...'}, with an embedded {@code '} closed and escaped instead of breaking the line. */
  private static String singleQuoted(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}

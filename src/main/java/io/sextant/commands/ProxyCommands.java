package io.sextant.commands;

import io.sextant.config.DeployConfig;
import io.sextant.config.ProxyBoot;
import io.sextant.config.ProxyRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Remote command lines for the kamal-proxy container of one host (Kamal's {@code Kamal::Commands::Proxy}): run,
 * start, stop, version, logs, removal, and the boot config files under {@code .kamal/proxy}. Pure; the strings equal
 * Kamal's, so either tool can manage a proxy the other one started.
 *
 * @param runConfig the host's {@code proxy: run:}, or {@code null}: the container is then run from the boot config files
 *     (or their defaults), as Kamal does
 */
public record ProxyCommands(ProxyRun runConfig) {
  private static final String CONTAINER = ProxyBoot.CONTAINER_NAME;
  private static final String IMAGE_LABEL = "label=org.opencontainers.image.title=kamal-proxy";

  /** The commands for {@code host} of this configuration. */
  public static ProxyCommands of(DeployConfig config, String host) {
    return new ProxyCommands(config.proxyRun(host).orElse(null));
  }

  /**
   * {@code docker run} of the proxy: from {@code proxy: run:} when configured, otherwise the boot config read on
   * the host ({@link #bootConfig()}) piped through {@code xargs}.
   */
  public String run() {
    if (runConfig == null) {
      return bootConfig() + " | xargs " + String.join(" ", dockerRunPrefix()) + " " + appsVolume();
    }
    List<String> words = new ArrayList<>(dockerRunPrefix());
    words.add(appsVolume());
    words.addAll(ProxyBoot.publishArgsIf(runConfig.publish(), runConfig.httpPort(), runConfig.httpsPort(), runConfig.bindIps()));
    words.addAll(ProxyBoot.loggingArgs(runConfig.logMaxSize()));
    if (runConfig.metricsPort() != null) {
      words.add("--expose=" + runConfig.metricsPort());
    }
    words.addAll(optionize(runConfig.options()));
    words.add(runConfig.image());
    words.add(runCommand(runConfig));
    return String.join(" ", words);
  }

  /** {@code kamal-proxy run} with {@code --debug} and {@code --metrics-port} when configured. */
  static String runCommand(ProxyRun run) {
    List<String> words = new ArrayList<>(List.of("kamal-proxy", "run"));
    if (run.debug()) {
      words.add("--debug");
    }
    if (run.metricsPort() != null) {
      words.addAll(List.of("--metrics-port", Shell.kamalEscape(run.metricsPort())));
    }
    return String.join(" ", words);
  }

  public String start() {
    return "docker container start " + CONTAINER;
  }

  public String stop() {
    return "docker container stop " + CONTAINER;
  }

  /** Starts the existing container, or runs a new one when there is none. */
  public String startOrRun() {
    return start() + " || " + run();
  }

  public String info() {
    return "docker ps --filter 'name=^" + CONTAINER + "$'";
  }

  /** Prints the tag of the running proxy's image ({@code v0.9.2}); fails when there is no proxy container. */
  public String version() {
    return "docker inspect " + CONTAINER + " --format '{{.Config.Image}}' | awk -F: '{print $NF}'";
  }

  /**
   * @param since {@code --since} value or null
   * @param lines {@code --tail} value or null
   * @param grep a pattern the lines must match, or null
   * @param grepOptions extra grep options (shell words), or null
   */
  public String logs(boolean timestamps, String since, Integer lines, String grep, String grepOptions) {
    List<String> words = new ArrayList<>(List.of("docker", "logs", CONTAINER));
    if (since != null) {
      words.addAll(List.of("--since", Shell.quote(since)));
    }
    if (lines != null) {
      words.addAll(List.of("--tail", lines.toString()));
    }
    if (timestamps) {
      words.add("--timestamps");
    }
    words.add("2>&1");
    return String.join(" ", words) + grep(grep, grepOptions);
  }

  /** The remote part of {@code proxy logs -f}: the last 10 lines, then new ones as they come. */
  public String followLogs(boolean timestamps, String grep, String grepOptions) {
    return "docker logs " + CONTAINER + (timestamps ? " --timestamps" : "") + " --tail 10 --follow 2>&1"
        + grep(grep, grepOptions);
  }

  private static String grep(String pattern, String options) {
    if (pattern == null) {
      return "";
    }
    return " | grep " + Shell.quote(pattern) + (options == null ? "" : " " + options);
  }

  /** Removes the stopped proxy container (found by its image's title label, whatever its name). */
  public String removeContainer() {
    return "docker container prune --force --filter " + IMAGE_LABEL;
  }

  public String removeImage() {
    return "docker image prune --all --force --filter " + IMAGE_LABEL;
  }

  /**
   * Stops and removes a Kamal 1 Traefik container and its image. The stop may fail (no Traefik there): the prunes
   * run anyway, and the line's status is theirs (Kamal chains them with {@code ;}).
   */
  public String cleanupTraefik() {
    return "docker container stop traefik ; docker container prune --force --filter "
        + "label=org.opencontainers.image.title=Traefik && docker image prune --all --force --filter "
        + "label=org.opencontainers.image.title=Traefik";
  }

  /**
   * What Kamal's {@code proxy upgrade} runs on each host before it boots kamal-proxy again, in one line: Traefik
   * removed ({@link #cleanupTraefik()}), then kamal-proxy stopped (if running), its container and image removed.
   */
  public String removeTraefikAndProxy() {
    return "{ " + cleanupTraefik() + "; } && { " + stop() + " || true; } && " + removeContainer() + " && "
        + removeImage();
  }

  public String ensureProxyDirectory() {
    return "mkdir -p " + ProxyBoot.HOST_DIRECTORY;
  }

  public String removeProxyDirectory() {
    return "rm -r " + ProxyBoot.HOST_DIRECTORY;
  }

  public String ensureAppsConfigDirectory() {
    return "mkdir -p " + ProxyBoot.APPS_DIRECTORY;
  }

  /** Prints the boot config in effect on the host: options, {@code image:version}, run command. */
  public String bootConfig() {
    return "echo " + substitute(readBootOptions()) + " " + substitute(readImage()) + ":"
        + substitute(readImageVersion()) + " " + substitute(readRunCommand());
  }

  public String readBootOptions() {
    return readFile(ProxyBoot.OPTIONS_FILE, String.join(" ", ProxyBoot.defaultBootOptions()));
  }

  public String readImage() {
    return readFile(ProxyBoot.IMAGE_FILE, ProxyBoot.IMAGE_DEFAULT);
  }

  public String readImageVersion() {
    return readFile(ProxyBoot.IMAGE_VERSION_FILE, ProxyRun.MINIMUM_VERSION);
  }

  public String readRunCommand() {
    return readFile(ProxyBoot.RUN_COMMAND_FILE, "");
  }

  public String resetBootOptions() {
    return "rm " + ProxyBoot.OPTIONS_FILE;
  }

  public String resetImage() {
    return "rm " + ProxyBoot.IMAGE_FILE;
  }

  public String resetImageVersion() {
    return "rm " + ProxyBoot.IMAGE_VERSION_FILE;
  }

  public String resetRunCommand() {
    return "rm " + ProxyBoot.RUN_COMMAND_FILE;
  }

  /** Kamal's {@code optionize}: {@code --key "value"}, {@code --flag} for true, a list repeats the option. */
  static List<String> optionize(Map<String, Object> options) {
    List<String> words = new ArrayList<>();
    options.forEach((key, value) -> {
      List<?> values = value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
      for (Object item : values) {
        words.add("--" + key);
        if (!Boolean.TRUE.equals(item)) {
          words.add(Shell.kamalEscape(item == null ? "" : rubyToS(item)));
        }
      }
    });
    return words;
  }

  private static String rubyToS(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e16) {
      return (long) d.doubleValue() + ".0";
    }
    return String.valueOf(value);
  }

  private static String readFile(String file, String fallback) {
    return "cat " + file + " 2> /dev/null || echo \"" + fallback + "\"";
  }

  private static String substitute(String command) {
    return "$(" + command + ")";
  }

  private static List<String> dockerRunPrefix() {
    return List.of("docker", "run", "--name", CONTAINER, "--network", DockerCommands.NETWORK, "--detach",
        "--restart", "unless-stopped", "--volume", "kamal-proxy-config:/home/kamal-proxy/.config/kamal-proxy");
  }

  /** The apps config directory mounted into the container; {@code $PWD} is expanded by the remote shell. */
  private static String appsVolume() {
    return "--volume $PWD/" + ProxyBoot.APPS_DIRECTORY + ":" + ProxyBoot.APPS_CONTAINER_DIRECTORY;
  }
}

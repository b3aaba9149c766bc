package io.sextant.commands;

import io.sextant.config.DeployConfig;
import io.sextant.config.LoggingConfig;
import io.sextant.config.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an app container of one role is made of, already resolved from the configuration (role settings merged
 * over the global ones).
 *
 * @param cmd the role's command as shell text (Kamal appends it unquoted), or {@code null} for the image's
 * @param options extra {@code docker run} options: {@code true} = a flag, a list = repeated, {@code null} skipped
 * @param labels user labels (global then role), added after {@code service}/{@code role}/{@code destination}
 * @param logDriver the Docker logging driver, or {@code null} for the daemon's default
 * @param logOptions logging options; when there is neither a driver nor options Kamal's {@code max-size=10m}
 *     is used
 * @param volumes {@code --volume} values
 */
public record ContainerSpec(
    String cmd,
    Map<String, Object> options,
    Map<String, String> labels,
    String logDriver,
    Map<String, String> logOptions,
    List<String> volumes) {

  public ContainerSpec {
    options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    logOptions =
        logOptions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(logOptions));
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
  }

  /**
   * The container of {@code role}: its cmd and options, global then role labels, global logging with the role's
   * driver and options on top, the global volumes.
   */
  public static ContainerSpec of(DeployConfig config, Role role) {
    Map<String, String> labels = new LinkedHashMap<>(config.labels());
    labels.putAll(role.labels());
    LoggingConfig global = config.logging() == null ? LoggingConfig.NONE : config.logging();
    LoggingConfig own = role.logging() == null ? LoggingConfig.NONE : role.logging();
    Map<String, String> logOptions = new LinkedHashMap<>(global.options());
    logOptions.putAll(own.options());
    String driver = own.driver() != null ? own.driver() : global.driver();
    return new ContainerSpec(role.cmd(), role.options(), labels, driver, logOptions, config.volumes());
  }

  /** A container with every setting left to its default. */
  public static ContainerSpec defaults() {
    return new ContainerSpec(null, Map.of(), Map.of(), null, Map.of(), List.of());
  }

  /**
   * The host ports this container would publish ({@code options: publish:} or {@code p:}): such a container
   * cannot run next to the previous version, which holds the same ports.
   */
  public List<String> publishedPorts() {
    List<String> ports = new ArrayList<>();
    for (String key : List.of("publish", "p")) {
      Object value = options.get(key);
      if (value instanceof List<?> list) {
        list.forEach(item -> ports.add(String.valueOf(item)));
      } else if (value != null && !(value instanceof Boolean)) {
        ports.add(String.valueOf(value));
      }
    }
    return ports;
  }

  /** {@code --log-driver}/{@code --log-opt} words (Kamal's default {@code max-size=10m} when none are set). */
  List<String> loggingArgs() {
    List<String> args = new ArrayList<>();
    if (logDriver == null && logOptions.isEmpty()) {
      return List.of("--log-opt", "max-size=10m");
    }
    if (logDriver != null) {
      args.addAll(List.of("--log-driver", logDriver));
    }
    logOptions.forEach((key, value) -> args.addAll(List.of("--log-opt", key + "=" + value)));
    return args;
  }

  /** {@code options} as {@code docker run} words, Kamal's {@code optionize}. */
  List<String> optionArgs() {
    return optionArgs(null);
  }

  /** As {@link #optionArgs()} without the option {@code left out} (or with every option when null). */
  List<String> optionArgs(String leftOut) {
    List<String> args = new ArrayList<>();
    options.forEach((key, value) -> {
      if (key.equals(leftOut)) {
        return;
      }
      if (value instanceof List<?> list) {
        list.forEach(item -> addOption(args, key, item));
      } else {
        addOption(args, key, value);
      }
    });
    return args;
  }

  private static void addOption(List<String> args, String key, Object value) {
    if (value == null) {
      return;
    }
    args.add("--" + key);
    if (!Boolean.TRUE.equals(value)) {
      args.add(String.valueOf(value));
    }
  }
}

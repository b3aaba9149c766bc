package io.sextant.config;

import io.sextant.config.RubyYaml.RubyObject;
import io.sextant.config.RubyYaml.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What {@code kamal config} prints: Kamal 2.12's
 * <a href="https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration.rb#L305-L321">Configuration#to_h</a>,
 * a hash with symbol keys in this order, nil values left out. Secret values are not redacted here
 * ({@link ConfigPrinter} does that).
 */
public final class KamalSummary {
  private KamalSummary() {}

  /** The summary of {@code config} deploying {@code version}. */
  public static Map<Object, Object> of(DeployConfig config, String version) {
    Map<String, Object> raw = config.raw();
    Map<Object, Object> summary = new LinkedHashMap<>();
    List<Role> roles = config.roles().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    put(summary, "roles", raw.get("servers") instanceof List<?> ? List.of("web")
        : roles.stream().map(Role::name).toList());
    LinkedHashSet<String> hosts = new LinkedHashSet<>();
    roles.forEach(role -> hosts.addAll(role.hostNames()));
    config.accessories().forEach(accessory -> hosts.addAll(accessory.hosts()));
    put(summary, "hosts", List.copyOf(hosts));
    put(summary, "primary_host", config.primaryRoleConfig()
        .flatMap(role -> role.hostNames().stream().findFirst()).orElse(null));
    put(summary, "version", version);
    put(summary, "repository", config.repository());
    put(summary, "absolute_image", config.repository() + ":" + version);
    put(summary, "service_with_version", config.service() + "-" + version);
    put(summary, "volume_args", volumeArgs(raw.get("volumes")));
    put(summary, "ssh_options", sshOptions(map(raw.get("ssh"))));
    put(summary, "sshkit", map(raw.get("sshkit")));
    put(summary, "builder", map(raw.get("builder")));
    put(summary, "accessories", raw.get("accessories"));
    put(summary, "logging", loggingArgs(map(raw.get("logging"))));
    return summary;
  }

  private static void put(Map<Object, Object> summary, String key, Object value) {
    if (value != null) {
      summary.put(new Symbol(key), value);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /** {@code argumentize "--volume", volumes}: each volume unescaped. */
  private static List<String> volumeArgs(Object volumes) {
    List<String> args = new ArrayList<>();
    if (volumes instanceof List<?> list) {
      list.forEach(volume -> {
        args.add("--volume");
        args.add(String.valueOf(volume));
      });
    }
    return args;
  }

  /**
   * <a href="https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration/ssh.rb#L60-L75">Ssh#to_h</a>:
   * the net-ssh options without the logger, then the log level.
   */
  private static Map<Object, Object> sshOptions(Map<String, Object> ssh) {
    Map<Object, Object> options = new LinkedHashMap<>();
    put(options, "user", ssh.getOrDefault("user", "root"));
    put(options, "port", ssh.getOrDefault("port", 22));
    if (ssh.get("proxy") instanceof String jump) {
      put(options, "proxy", new RubyObject("Net::SSH::Proxy::Jump",
          Map.of("jump_proxies", jump.contains("@") ? jump : "root@" + jump)));
    } else if (ssh.get("proxy_command") instanceof String command) {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("command_line_template", command);
      variables.put("command_line", null);
      variables.put("timeout", null);
      put(options, "proxy", new RubyObject("Net::SSH::Proxy::Command", variables));
    }
    put(options, "keepalive", true);
    put(options, "keepalive_interval", 30);
    for (String key : List.of("keys_only", "keys", "key_data", "config", "forward_agent")) {
      put(options, key, ssh.get(key));
    }
    put(options, "log_level", ssh.containsKey("log_level") ? ssh.get("log_level") : new Symbol("fatal"));
    return options;
  }

  /**
   * <a href="https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration/logging.rb#L25-L32">Logging#args</a>
   * of the root {@code logging}: {@code --log-driver} and {@code --log-opt key=value} with the values escaped for
   * the shell, or {@code max-size="10m"} when neither is set.
   */
  private static List<String> loggingArgs(Map<String, Object> logging) {
    Object driver = logging.get("driver");
    Map<String, Object> options = map(logging.get("options"));
    List<String> args = new ArrayList<>();
    if (!present(driver) && options.isEmpty()) {
      options = Map.of("max-size", "10m");
    } else if (present(driver)) {
      args.add("--log-driver");
      args.add(ShellValue.escape(String.valueOf(driver)));
    }
    options.forEach((key, value) -> {
      args.add("--log-opt");
      if (present(value)) {
        args.add(key + "=" + ShellValue.escape(String.valueOf(value)));
      } else {
        args.add(Boolean.FALSE.equals(value) ? key + "=false" : key);
      }
    });
    return args;
  }

  private static boolean present(Object value) {
    return value != null && !Boolean.FALSE.equals(value) && !(value instanceof String text && text.isBlank());
  }
}

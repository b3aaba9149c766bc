package io.sextant.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Turns the validated raw tree into {@link DeployConfig} records with Kamal's defaults. Runs only after
 * {@link ConfigValidator} accepted the tree, so every shape here is known to be right.
 */
final class ConfigMapper {
  private ConfigMapper() {}

  static DeployConfig map(Map<String, Object> raw, String destination) {
    String service = Scalars.toS(raw.get("service"));
    RegistryConfig registry = registry(raw.get("registry"));
    String image = raw.get("image") == null || Scalars.toS(raw.get("image")).isBlank()
        ? (registry.isLocal() ? service : null)
        : Scalars.toS(raw.get("image"));
    List<Role> roles = roles(raw.get("servers"));
    String primaryRole = raw.containsKey("primary_role") ? Scalars.toS(raw.get("primary_role")) : "web";
    return new DeployConfig(
        service,
        image,
        roles,
        primaryRole,
        Boolean.TRUE.equals(raw.get("allow_empty_roles")),
        registry,
        env(raw.get("env")),
        builder(raw.get("builder")),
        ssh(raw.get("ssh")),
        stringOr(raw.get("hooks_path"), DeployConfig.DEFAULT_HOOKS_PATH),
        hooksOutput(raw.get("hooks_output")),
        stringOr(raw.get("secrets_path"), DeployConfig.DEFAULT_SECRETS_PATH),
        intOr(raw.get("retain_containers"), 5),
        intOr(raw.get("readiness_delay"), 7),
        intOr(raw.get("deploy_timeout"), 30),
        intOr(raw.get("drain_timeout"), 30),
        integer(raw.get("stop_timeout")),
        boot(raw.get("boot")),
        stringMap(raw.get("labels")),
        strings(raw.get("volumes")),
        logging(raw.get("logging")),
        raw.get("minimum_version") == null ? null : Scalars.toS(raw.get("minimum_version")),
        Boolean.TRUE.equals(raw.get("require_destination")),
        raw.get("run_directory") == null ? null : Scalars.toS(raw.get("run_directory")),
        raw.get("asset_path") == null ? null : Scalars.toS(raw.get("asset_path")),
        raw.get("error_pages_path") == null ? null : Scalars.toS(raw.get("error_pages_path")),
        raw.get("proxy"),
        accessories(raw.get("accessories"), service, roles),
        stringMap(raw.get("aliases")),
        hooksExtension(raw.get("x-hooks")),
        destination,
        raw);
  }

  static List<Role> roles(Object servers) {
    List<Role> roles = new ArrayList<>();
    if (servers instanceof List<?> list) {
      roles.add(simpleRole("web", list));
    } else if (servers instanceof Map<?, ?> map) {
      map.forEach((name, value) -> {
        String roleName = String.valueOf(name);
        if (value instanceof Map<?, ?> role) {
          roles.add(new Role(
              roleName,
              hosts(role.get("hosts")),
              role.get("cmd") == null ? null : Scalars.toS(role.get("cmd")),
              env(role.get("env")),
              objectMap(role.get("options")),
              stringMap(role.get("labels")),
              role.get("proxy"),
              logging(role.get("logging")),
              integer(role.get("stop_timeout")),
              role.get("asset_path") == null ? null : Scalars.toS(role.get("asset_path"))));
        } else {
          roles.add(simpleRole(roleName, value instanceof List<?> list ? list : List.of()));
        }
      });
    }
    return roles;
  }

  private static Role simpleRole(String name, List<?> hosts) {
    return new Role(name, hosts(hosts), null, EnvConfig.EMPTY, Map.of(), Map.of(), null, LoggingConfig.NONE, null,
        null);
  }

  static List<Host> hosts(Object value) {
    List<Host> hosts = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> map && map.size() == 1) {
          Map.Entry<?, ?> entry = map.entrySet().iterator().next();
          Object tags = entry.getValue();
          List<String> tagList = tags instanceof List<?> l ? strings(l) : List.of(Scalars.toS(tags));
          hosts.add(new Host(Scalars.toS(entry.getKey()), tagList));
        } else if (item != null) {
          hosts.add(new Host(Scalars.toS(item)));
        }
      }
    }
    return hosts;
  }

  static EnvConfig env(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return EnvConfig.EMPTY;
    }
    if (!map.containsKey("clear") && !map.containsKey("secret") && !map.containsKey("tags")) {
      return new EnvConfig(stringMap(map), List.of(), Map.of());
    }
    Map<String, EnvConfig> tags = new LinkedHashMap<>();
    if (map.get("tags") instanceof Map<?, ?> tagMap) {
      tagMap.forEach((tag, tagEnv) -> tags.put(String.valueOf(tag), env(tagEnv)));
    }
    return new EnvConfig(stringMap(map.get("clear")), strings(map.get("secret")), tags);
  }

  static RegistryConfig registry(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return RegistryConfig.NONE;
    }
    return new RegistryConfig(
        map.get("server") == null ? null : Scalars.toS(map.get("server")),
        credential(map.get("username")),
        credential(map.get("password")));
  }

  private static RegistryConfig.Credential credential(Object value) {
    if (value instanceof List<?> list && !list.isEmpty()) {
      return RegistryConfig.Credential.secret(Scalars.toS(list.get(0)));
    }
    return value == null ? null : RegistryConfig.Credential.literal(Scalars.toS(value));
  }

  static BuilderConfig builder(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return BuilderConfig.DEFAULT;
    }
    Object arch = map.get("arch");
    List<String> archList = arch instanceof List<?> list ? strings(list)
        : arch == null ? List.of() : List.of(Scalars.toS(arch));
    Map<String, Object> extra = new LinkedHashMap<>();
    for (String key : List.of("driver", "ssh", "provenance", "sbom", "pack")) {
      if (map.containsKey(key)) {
        extra.put(key, map.get(key));
      }
    }
    return new BuilderConfig(
        archList,
        map.get("context") == null ? null : Scalars.toS(map.get("context")),
        stringOr(map.get("dockerfile"), "Dockerfile"),
        map.get("target") == null ? null : Scalars.toS(map.get("target")),
        stringMap(map.get("args")),
        strings(map.get("secrets")),
        map.get("remote") == null ? null : Scalars.toS(map.get("remote")),
        !Boolean.FALSE.equals(map.get("local")),
        stringMap(map.get("cache")),
        extra);
  }

  static SshConfig ssh(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return SshConfig.DEFAULT;
    }
    Object config = map.get("config");
    boolean useConfig = !Boolean.FALSE.equals(config);
    List<String> configFiles = config instanceof List<?> list ? strings(list)
        : config instanceof String path ? List.of(path) : List.of();
    Object port = map.get("port");
    return new SshConfig(
        stringOr(map.get("user"), "root"),
        port == null ? 22 : parsePort(Scalars.toS(port)),
        strings(map.get("keys")),
        Boolean.TRUE.equals(map.get("keys_only")),
        strings(map.get("key_data")),
        map.get("proxy") == null ? null : Scalars.toS(map.get("proxy")),
        map.get("proxy_command") == null ? null : Scalars.toS(map.get("proxy_command")),
        useConfig,
        configFiles,
        map.get("log_level") == null ? null : Scalars.toS(map.get("log_level")),
        Boolean.TRUE.equals(map.get("forward_agent")));
  }

  static int parsePort(String port) {
    try {
      return Integer.parseInt(port.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static HooksOutput hooksOutput(Object value) {
    if (Scalars.isStringish(value)) {
      return new HooksOutput(HooksOutputLevel.parse(Scalars.toS(value)), Map.of());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, HooksOutput.Level> levels = new LinkedHashMap<>();
      map.forEach((hook, level) -> levels.put(String.valueOf(hook), HooksOutputLevel.parse(Scalars.toS(level))));
      return new HooksOutput(null, levels);
    }
    return HooksOutput.UNSET;
  }

  static BootConfig boot(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return BootConfig.DEFAULT;
    }
    Object limit = map.get("limit");
    Integer wait = integer(map.get("wait"));
    boolean parallelRoles = Boolean.TRUE.equals(map.get("parallel_roles"));
    if (limit instanceof String text && text.endsWith("%")) {
      return new BootConfig(Integer.parseInt(text.substring(0, text.length() - 1)), true, wait, parallelRoles);
    }
    return new BootConfig(integer(limit), false, wait, parallelRoles);
  }

  static LoggingConfig logging(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return LoggingConfig.NONE;
    }
    return new LoggingConfig(map.get("driver") == null ? null : Scalars.toS(map.get("driver")),
        stringMap(map.get("options")));
  }

  static HooksExtension hooksExtension(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return HooksExtension.NONE;
    }
    Map<String, Integer> perHook = new LinkedHashMap<>();
    map.forEach((key, item) -> {
      if (item instanceof Map<?, ?> hook && hook.get("timeout") != null) {
        perHook.put(String.valueOf(key), integer(hook.get("timeout")));
      }
    });
    return new HooksExtension(integer(map.get("timeout")), perHook,
        Boolean.TRUE.equals(map.get(HooksExtension.POST_DEPLOY_LOCK)));
  }

  static List<Accessory> accessories(Object value, String service, List<Role> roles) {
    List<Accessory> accessories = new ArrayList<>();
    if (!(value instanceof Map<?, ?> map)) {
      return accessories;
    }
    map.forEach((name, item) -> accessories.add(accessory(String.valueOf(name), objectMap(item), service, roles)));
    return accessories;
  }

  /** One accessory with Kamal's defaults (configuration/accessory.rb). */
  static Accessory accessory(String name, Map<String, Object> accessory, String service, List<Role> roles) {
    String port = accessory.get("port") == null ? null : Scalars.toS(accessory.get("port"));
    List<AccessoryPath> files = new ArrayList<>();
    if (accessory.get("files") instanceof List<?> list) {
      list.forEach(entry -> files.add(AccessoryPath.parse(entry, AccessoryPath.DEFAULT_FILE_MODE)));
    }
    List<AccessoryPath> directories = new ArrayList<>();
    if (accessory.get("directories") instanceof List<?> list) {
      list.forEach(entry -> directories.add(AccessoryPath.parse(entry, null)));
    }
    Object registry = accessory.get("registry");
    return new Accessory(name,
        stringOr(accessory.get("service"), service + "-" + name),
        accessory.get("image") == null ? null : Scalars.toS(accessory.get("image")),
        registry instanceof Map<?, ?> own && !own.isEmpty() ? registry(registry) : null,
        accessoryHosts(accessory, roles),
        port == null || port.contains(":") ? port : port + ":" + port,
        accessory.get("cmd") == null ? null : Scalars.toS(accessory.get("cmd")),
        stringMap(accessory.get("labels")),
        objectMap(accessory.get("options")),
        env(accessory.get("env")),
        files,
        directories,
        strings(accessory.get("volumes")),
        stringOr(accessory.get("network"), Accessory.DEFAULT_NETWORK),
        accessory.get("proxy"),
        accessory);
  }

  /**
   * Kamal's accessory hosts: from {@code host}, {@code hosts}, {@code role(s)} (each role's hosts, in the order the
   * roles are listed) or {@code tag(s)} (for each tag, the hosts carrying it, roles in config order); a host
   * listed twice is kept once. A tag matches a host's tag exactly.
   */
  static List<String> accessoryHosts(Map<String, Object> accessory, List<Role> roles) {
    LinkedHashSet<String> hosts = new LinkedHashSet<>();
    if (accessory.get("host") != null) {
      hosts.add(Scalars.toS(accessory.get("host")));
    }
    hosts.addAll(strings(accessory.get("hosts")));
    List<String> roleNames = new ArrayList<>();
    if (accessory.get("role") != null) {
      roleNames.add(Scalars.toS(accessory.get("role")));
    }
    roleNames.addAll(strings(accessory.get("roles")));
    for (String roleName : roleNames) {
      roles.stream().filter(role -> role.name().equals(roleName)).forEach(role -> hosts.addAll(role.hostNames()));
    }
    List<String> tags = new ArrayList<>();
    if (accessory.get("tag") != null) {
      tags.add(Scalars.toS(accessory.get("tag")));
    }
    tags.addAll(strings(accessory.get("tags")));
    for (String tag : tags) {
      for (Role role : roles) {
        role.hosts().stream().filter(host -> host.tags().contains(tag)).forEach(host -> hosts.add(host.name()));
      }
    }
    return List.copyOf(hosts);
  }

  static String stringOr(Object value, String fallback) {
    return value == null ? fallback : Scalars.toS(value);
  }

  static int intOr(Object value, int fallback) {
    Integer number = integer(value);
    return number == null ? fallback : number;
  }

  static Integer integer(Object value) {
    if (value instanceof Number number && Scalars.isInteger(value)) {
      long big = number.longValue();
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, big));
    }
    return null;
  }

  static List<String> strings(Object value) {
    List<String> strings = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> strings.add(Scalars.toS(item)));
    }
    return strings;
  }

  static Map<String, String> stringMap(Object value) {
    Map<String, String> strings = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> strings.put(String.valueOf(key), Scalars.toS(item)));
    }
    return strings;
  }

  static Map<String, Object> objectMap(Object value) {
    Map<String, Object> objects = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> objects.put(String.valueOf(key), item));
    }
    return objects;
  }
}

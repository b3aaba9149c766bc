package io.sextant.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kamal's configuration checks, all run and all reported at once: the key shapes ({@link KamalSchema}), then the
 * semantic checks of {@code Kamal::Configuration#initialize} with Kamal's wording, plus Sextant's own
 * ({@code x-hooks}, {@code x-release}, {@code x-agent}, duplicate hosts in a role).
 */
final class ConfigValidator {
  /** The Kamal version Sextant is compatible with, for {@code minimum_version}. */
  static final String KAMAL_VERSION = "2.12.0";

  private static final List<String> TRAEFIK_HOOKS = List.of("pre-traefik-reboot", "post-traefik-reboot");

  private ConfigValidator() {}

  static void validate(Map<String, Object> raw, SourceMap locations, String destination, Path workingDir) {
    Problems problems = new Problems(locations);
    KamalSchema.root().check(raw, "", problems);
    hooksExtension(raw.get("x-hooks"), problems);
    ReleaseValidator.shape(raw.get(ReleaseCommand.KEY), problems);
    Object agent = raw.get(DeployConfig.AGENT_KEY);
    if (agent != null && !(agent instanceof Boolean)) {
      problems.at(DeployConfig.AGENT_KEY, "should be true or false (false: this project's commands do not use the"
          + " warm agent), got " + Scalars.typeName(agent));
    }
    if (destination == null && Boolean.TRUE.equals(raw.get("require_destination"))) {
      problems.general("You must specify a destination");
    }
    required(raw, problems);
    builderArch(raw.get("builder"), problems);
    localRegistryRemoteBuilder(raw, localArch(), problems);
    serviceName(raw.get("service"), problems);
    roles(raw, problems);
    accessories(raw, problems);
    if (problems.isEmpty()) {
      ProxyValidator.validate(raw, problems);
      ProxyRunChecks.check(raw, problems);
      ReleaseValidator.role(raw, problems);
    }
    minimumVersion(raw.get("minimum_version"), problems);
    outputLoggers(raw.get("output"), problems);
    if (Scalars.isInteger(raw.get("retain_containers")) && ((Number) raw.get("retain_containers")).longValue() < 1) {
      problems.at("retain_containers", "Must retain at least 1 container");
    }
    hooksOutputLevels(raw.get("hooks_output"), problems);
    traefikHooks(raw.get("hooks_path"), workingDir, problems);
    problems.throwIfAny();
  }

  private static void required(Map<String, Object> raw, Problems problems) {
    if (isBlank(raw.get("service"))) {
      problems.general("Missing required configuration for service");
    }
    if (isBlank(raw.get("registry"))) {
      problems.general("Missing required configuration for registry");
    }
    boolean localRegistry = raw.get("registry") instanceof Map<?, ?> registry
        && registry.get("server") != null && Scalars.toS(registry.get("server")).matches("(?s)localhost[:$].*");
    if (isBlank(raw.get("image")) && !(localRegistry && !isBlank(raw.get("service")))) {
      problems.general("Missing required configuration for image");
    }
    if (raw.get("registry") instanceof Map<?, ?> registry && !localRegistry) {
      for (String key : List.of("username", "password")) {
        if (isBlank(registry.get(key))) {
          problems.at("registry/" + key, "is required");
        }
      }
    }
  }

  /** Kamal 2 requires {@code builder/arch} (a wrong architecture only shows up as an exec error at run time). */
  /**
   * Kamal's ensure_local_registry_remote_builder_has_ssh_url
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration.rb#L407-L415): a local registry
   * ({@code localhost:PORT}) is reached from a remote builder through an SSH tunnel, so the remote must be an
   * {@code ssh://} URL whenever the remote builder is used, i.e. for an arch other than this machine's.
   */
  static void localRegistryRemoteBuilder(Map<String, Object> raw, String localArch, Problems problems) {
    if (!(raw.get("registry") instanceof Map<?, ?> registry) || !(raw.get("builder") instanceof Map<?, ?> builder)
        || registry.get("server") == null || !Scalars.toS(registry.get("server")).matches("(?s)localhost[:$].*")
        || isBlank(builder.get("remote"))) {
      return;
    }
    List<String> arches = builder.get("arch") instanceof List<?> list
        ? list.stream().map(Scalars::toS).toList() : List.of(Scalars.toS(builder.get("arch")));
    boolean localDisabled = Boolean.FALSE.equals(builder.get("local"));
    boolean remoteUsed = arches.stream().anyMatch(arch -> localDisabled || !arch.equals(localArch));
    if (remoteUsed && !Scalars.toS(builder.get("remote")).matches("(?i)ssh://.*")) {
      problems.at("builder/remote", "Local registry with remote builder requires an SSH URL (e.g., ssh://user@host)");
    }
  }

  /** This machine's architecture as Docker names it (Kamal asks the local Docker; the JVM knows the same). */
  private static String localArch() {
    String arch = System.getProperty("os.arch", "");
    return switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }

  private static void builderArch(Object builder, Problems problems) {
    Object arch = builder instanceof Map<?, ?> map ? map.get("arch") : null;
    if (builder != null && !(builder instanceof Map<?, ?>)) {
      return;
    }
    if (isBlank(arch)) {
      problems.at("builder", "Builder arch not set (add builder: {arch: amd64})");
    } else if (builder instanceof Map<?, ?> map && map.get("pack") != null && arch instanceof List<?> list
        && list.size() > 1) {
      problems.at("builder", "buildpacks only support building for one arch");
    }
  }

  /**
   * Kamal matches the raw value against {@code /^[a-z0-9_-]+$/i}: a number or boolean never matches (YAML's
   * {@code service: 123} is an Integer), only a string can. Stricter than Ruby's line anchors on one point: a name
   * with a line break is refused even when one of its lines would match.
   */
  private static void serviceName(Object service, Problems problems) {
    if (Scalars.isStringish(service) && !isBlank(service)
        && !(service instanceof String name && name.matches("(?i)[a-z0-9_-]+"))) {
      problems.at("service", "Service name can only include alphanumeric characters, hyphens, and underscores");
    }
  }

  private static void roles(Map<String, Object> raw, Problems problems) {
    Object servers = raw.get("servers");
    if (servers == null) {
      if (isBlank(raw.get("accessories"))) {
        problems.general("No servers or accessories specified");
      }
      return;
    }
    if (!(servers instanceof List<?>) && !(servers instanceof Map<?, ?>)) {
      return;
    }
    Map<String, List<String>> roleHosts = new java.util.LinkedHashMap<>();
    if (servers instanceof List<?> list) {
      roleHosts.put("web", hostNames(list));
      duplicates(list, "servers", problems);
    } else {
      ((Map<?, ?>) servers).forEach((name, role) -> {
        String rolePath = "servers/" + name;
        Object hosts = role instanceof Map<?, ?> map ? map.get("hosts") : role;
        if (role instanceof Map<?, ?>) {
          rolePath += "/hosts";
        }
        List<?> list = hosts instanceof List<?> l ? l : List.of();
        roleHosts.put(String.valueOf(name), hostNames(list));
        duplicates(list, rolePath, problems);
      });
    }
    String primary = Scalars.isStringish(raw.get("primary_role")) ? Scalars.toS(raw.get("primary_role")) : "web";
    if (!roleHosts.containsKey(primary)) {
      problems.general("The primary_role " + primary + " isn't defined");
    } else if (roleHosts.get(primary).isEmpty()) {
      problems.general("No servers specified for the " + primary + " primary_role");
    }
    if (!Boolean.TRUE.equals(raw.get("allow_empty_roles"))) {
      roleHosts.forEach((name, hosts) -> {
        if (hosts.isEmpty() && !name.equals(primary)) {
          problems.general("No servers specified for the " + name
              + " role. You can ignore this with allow_empty_roles: true");
        }
      });
    }
  }

  private static final List<String> ACCESSORY_HOST_KEYS = List.of("host", "hosts", "role", "roles", "tag", "tags");

  private static void accessories(Map<String, Object> raw, Problems problems) {
    if (!(raw.get("accessories") instanceof Map<?, ?> accessories)) {
      return;
    }
    Set<String> roleNames = new HashSet<>();
    if (raw.get("servers") instanceof Map<?, ?> servers) {
      servers.keySet().forEach(name -> roleNames.add(String.valueOf(name)));
    } else if (raw.get("servers") instanceof List<?>) {
      roleNames.add("web");
    }
    accessories.forEach((name, value) -> {
      if (!(value instanceof Map<?, ?> accessory)) {
        return;
      }
      String path = "accessories/" + name;
      long hostKeys = accessory.keySet().stream().filter(key -> ACCESSORY_HOST_KEYS.contains(String.valueOf(key)))
          .count();
      if (hostKeys != 1) {
        problems.at(path, "specify one of `host`, `hosts`, `role`, `roles`, `tag` or `tags`");
      }
      // Kamal's Accessory#ensure_valid_roles, worded as in 2.12: `roles` first, then `role`.
      if (accessory.get("roles") instanceof List<?> list) {
        List<String> missing = list.stream().filter(Scalars::isStringish).map(Scalars::toS)
            .filter(role -> !roleNames.contains(role)).toList();
        if (!missing.isEmpty()) {
          problems.at(path, "unknown roles " + String.join(", ", missing));
        }
      } else if (Scalars.isStringish(accessory.get("role"))
          && !roleNames.contains(Scalars.toS(accessory.get("role")))) {
        problems.at(path, "unknown role " + Scalars.toS(accessory.get("role")));
      }
    });
  }

  private static List<String> hostNames(List<?> hosts) {
    List<String> names = new ArrayList<>();
    for (Object host : hosts) {
      if (host instanceof Map<?, ?> map && map.size() == 1) {
        names.add(Scalars.toS(map.keySet().iterator().next()));
      } else if (Scalars.isStringish(host)) {
        names.add(Scalars.toS(host));
      }
    }
    return names;
  }

  private static void duplicates(List<?> hosts, String path, Problems problems) {
    Set<String> seen = new HashSet<>();
    List<String> names = hostNames(hosts);
    for (int i = 0; i < names.size(); i++) {
      if (!seen.add(names.get(i))) {
        problems.at(path + "/" + i, "duplicate host " + names.get(i));
      }
    }
  }

  /**
   * Kamal builds its output loggers as the configuration loads and each refuses a missing setting:
   * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/output/otel_logger.rb#L3 and file_logger.rb#L5.
   */
  private static void outputLoggers(Object output, Problems problems) {
    if (output instanceof Map<?, ?> loggers) {
      if (loggers.containsKey("otel") && isBlankSetting(loggers.get("otel"), "endpoint")) {
        problems.at("output/otel", "OTel endpoint is required");
      }
      if (loggers.containsKey("file") && isBlankSetting(loggers.get("file"), "path")) {
        problems.at("output/file", "file path is required");
      }
    }
  }

  private static boolean isBlankSetting(Object settings, String key) {
    return !(settings instanceof Map<?, ?> map) || map.get(key) == null || Boolean.FALSE.equals(map.get(key));
  }

  private static void minimumVersion(Object minimum, Problems problems) {
    if (minimum == null || !Scalars.isStringish(minimum)) {
      return;
    }
    String wanted = Scalars.toS(minimum);
    if (!wanted.matches("[0-9]+(\\.[0-9A-Za-z]+)*")) {
      problems.at("minimum_version", "Malformed version number string " + wanted);
    } else if (GemVersion.compare(wanted, KAMAL_VERSION) > 0) {
      problems.at("minimum_version", "Current version is " + KAMAL_VERSION + ", minimum required is " + wanted);
    }
  }

  private static void hooksOutputLevels(Object value, Problems problems) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((hook, level) -> {
        if (Scalars.isStringish(level) && HooksOutputLevel.parse(Scalars.toS(level)) == null) {
          problems.at("hooks_output/" + hook, "Invalid hooks_output '" + Scalars.symbolName(Scalars.toS(level))
              + "' for hook '" + hook + "', must be one of: quiet, verbose");
        }
      });
    } else if (Scalars.isStringish(value) && HooksOutputLevel.parse(Scalars.toS(value)) == null) {
      problems.at("hooks_output", "Invalid hooks_output '" + Scalars.symbolName(Scalars.toS(value))
          + "', must be one of: quiet, verbose");
    }
  }

  private static void traefikHooks(Object hooksPathValue, Path workingDir, Problems problems) {
    String hooksPath = Scalars.isStringish(hooksPathValue) ? Scalars.toS(hooksPathValue) : DeployConfig.DEFAULT_HOOKS_PATH;
    Path dir;
    try {
      dir = workingDir.resolve(hooksPath);
    } catch (java.nio.file.InvalidPathException e) {
      problems.at("hooks_path", "invalid path: " + e.getMessage());
      return;
    }
    List<String> found = TRAEFIK_HOOKS.stream().filter(hook -> Files.exists(dir.resolve(hook))).toList();
    if (!found.isEmpty()) {
      problems.general("Found " + String.join(", ", found) + ", these should be renamed to (pre|post)-proxy-reboot");
    }
  }

  private static void hooksExtension(Object value, Problems problems) {
    if (value == null) {
      return;
    }
    if (!(value instanceof Map<?, ?> map)) {
      problems.at("x-hooks", "should be a hash (timeout: SECONDS, post_deploy_lock: true, HOOK: {timeout: SECONDS})");
      return;
    }
    map.forEach((key, item) -> {
      String name = String.valueOf(key);
      String path = "x-hooks/" + name;
      if (name.equals("timeout")) {
        positiveSeconds(item, path, problems);
      } else if (name.equals(HooksExtension.POST_DEPLOY_LOCK)) {
        if (!(item instanceof Boolean)) {
          problems.at(path, "should be true or false");
        }
      } else if (HooksExtension.HOOK_NAMES.contains(name)) {
        if (!(item instanceof Map<?, ?> hook)) {
          problems.at(path, "should be a hash (timeout: SECONDS)");
          return;
        }
        hook.forEach((hookKey, hookValue) -> {
          if ("timeout".equals(String.valueOf(hookKey))) {
            positiveSeconds(hookValue, path + "/timeout", problems);
          } else {
            problems.at(path + "/" + hookKey, "unknown key (known keys: timeout)");
          }
        });
      } else {
        problems.at(path, "unknown key (known keys: timeout, " + HooksExtension.POST_DEPLOY_LOCK + ", "
            + String.join(", ", HooksExtension.HOOK_NAMES) + ")");
      }
    });
  }

  private static void positiveSeconds(Object value, String path, Problems problems) {
    if (!Scalars.isInteger(value) || ((Number) value).longValue() < 1
        || ((Number) value).longValue() > Integer.MAX_VALUE) {
      problems.at(path, "should be a whole number of seconds, at least 1");
    }
  }

  static boolean isBlank(Object value) {
    if (value == null) {
      return true;
    }
    if (value instanceof String text) {
      return text.isBlank();
    }
    if (value instanceof Map<?, ?> map) {
      return map.isEmpty();
    }
    if (value instanceof List<?> list) {
      return list.isEmpty();
    }
    return Boolean.FALSE.equals(value);
  }
}

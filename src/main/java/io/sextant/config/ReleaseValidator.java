package io.sextant.config;

import java.util.List;
import java.util.Map;

/**
 * Checks {@code x-release:} ({@link ReleaseCommand}) before anything runs: its shape on its own
 * ({@link #shape}), then, once the roles are known to be well formed, that its role exists and has a host
 * ({@link #role}). One line per problem, naming the key.
 */
final class ReleaseValidator {
  private static final String KEY = ReleaseCommand.KEY;
  private static final List<String> KEYS = List.of("command", "role", "timeout");

  private ReleaseValidator() {}

  static void shape(Object value, Problems problems) {
    if (value == null) {
      return;
    }
    if (!(value instanceof Map<?, ?> release)) {
      problems.at(KEY, "should be a hash (command: COMMAND, role: ROLE, timeout: SECONDS)");
      return;
    }
    release.keySet().stream().map(String::valueOf).filter(key -> !KEYS.contains(key)).forEach(key ->
        problems.at(KEY + "/" + key, "unknown key (known keys: " + String.join(", ", KEYS) + ")"));
    command(release.get("command"), problems);
    Object role = release.get("role");
    if (role != null && (!Scalars.isStringish(role) || Scalars.toS(role).isBlank())) {
      problems.at(KEY + "/role", "should be the name of a role, got " + Scalars.typeName(role));
    }
    Object timeout = release.get("timeout");
    if (timeout != null && (!Scalars.isInteger(timeout) || ((Number) timeout).longValue() < 1
        || ((Number) timeout).longValue() > Integer.MAX_VALUE)) {
      problems.at(KEY + "/timeout", "should be a whole number of seconds, at least 1");
    }
  }

  private static void command(Object command, Problems problems) {
    String path = KEY + "/command";
    if (command == null || Scalars.isStringish(command) && Scalars.toS(command).isBlank()) {
      problems.at(path, "is required: the shell command to run (or a list of words, run without a shell)");
    } else if (command instanceof List<?> words) {
      if (words.isEmpty() || words.stream().anyMatch(word -> !Scalars.isStringish(word))
          || Scalars.toS(words.get(0)).isBlank()) {
        problems.at(path, "should be a string, or a list of words (strings) starting with the program");
      }
    } else if (!Scalars.isStringish(command)) {
      problems.at(path, "should be a string, or a list of words, got " + Scalars.typeName(command));
    }
  }

  /** The role (default: the primary role) must be configured and have a host to run on. */
  static void role(Map<String, Object> raw, Problems problems) {
    if (!(raw.get(KEY) instanceof Map<?, ?> release)) {
      return;
    }
    List<Role> roles = ConfigMapper.roles(raw.get("servers"));
    String primary = raw.containsKey("primary_role") ? Scalars.toS(raw.get("primary_role")) : "web";
    String name = release.get("role") == null ? primary : Scalars.toS(release.get("role"));
    Role role = roles.stream().filter(candidate -> candidate.name().equals(name)).findFirst().orElse(null);
    String path = release.get("role") == null ? KEY : KEY + "/role";
    if (role == null) {
      problems.at(path, "role " + name + " is not configured (roles: "
          + String.join(", ", roles.stream().map(Role::name).toList()) + ")");
    } else if (role.hosts().isEmpty()) {
      problems.at(path, "role " + name + " has no hosts to run the release command on");
    }
  }
}

package io.sextant.config;

import static io.sextant.config.Schema.anyHash;
import static io.sextant.config.Schema.arrayOf;
import static io.sextant.config.Schema.bool;
import static io.sextant.config.Schema.either;
import static io.sextant.config.Schema.hashOf;
import static io.sextant.config.Schema.integer;
import static io.sextant.config.Schema.object;
import static io.sextant.config.Schema.objectWithExtensions;
import static io.sextant.config.Schema.string;
import static io.sextant.config.Schema.stringOrArray;
import static io.sextant.config.Schema.when;

import java.util.List;
import java.util.Map;

/**
 * The shape of Kamal 2.12's {@code deploy.yml} (its {@code lib/kamal/configuration/docs/*.yml} examples), as
 * {@link Schema} rules. Semantic checks (required keys, roles, hooks) live in {@link ConfigValidator}.
 */
final class KamalSchema {
  private KamalSchema() {}

  static final List<String> RESERVED_LABELS = List.of("destination", "role", "service");

  static Schema root() {
    return objectWithExtensions()
        .key("service", string())
        .key("image", string())
        .key("labels", labels())
        .key("volumes", arrayOf(string()))
        .key("registry", registry())
        .key("servers", servers())
        .key("env", env(true))
        .key("asset_path", string())
        .key("hooks_path", string())
        .key("hooks_output", hooksOutput())
        .key("secrets_path", string())
        .key("error_pages_path", string())
        .key("require_destination", bool())
        .key("primary_role", string())
        .key("allow_empty_roles", bool())
        .key("retain_containers", integer())
        .key("minimum_version", string())
        .key("readiness_delay", integer())
        .key("deploy_timeout", integer())
        .key("drain_timeout", integer())
        .key("stop_timeout", integer())
        .key("run_directory", string())
        .key("ssh", ssh())
        .key("builder", builder())
        .key("accessories", hashOf(accessory()))
        .key("proxy", proxyHash())
        .key("sshkit", object().keys(integer(), "max_concurrent_starts", "pool_idle_timeout", "dns_retries"))
        .key("boot", boot())
        .key("logging", logging())
        .key("output", object()
            .key("file", object().key("path", string()))
            .key("otel", object().key("endpoint", string())))
        .key("aliases", aliases());
  }

  /** Kamal's top-level commands (plus Sextant's {@code hooks}): an alias may not shadow them. */
  static final List<String> COMMANDS = List.of("accessory", "app", "audit", "build", "config", "deploy",
      "details", "docs", "help", "hooks", "init", "lock", "proxy", "prune", "redeploy", "registry", "remove", "rollback",
      "secrets", "server", "setup", "upgrade", "version");

  static Schema aliases() {
    return (value, path, problems) -> {
      hashOf(string()).check(value, path, problems);
      if (value instanceof Map<?, ?> map) {
        for (Object key : map.keySet()) {
          String name = String.valueOf(key);
          if (!name.matches("[a-z0-9_-]+")) {
            problems.at(Schema.child(path, name), "Invalid alias name: '" + name
                + "'. Must only contain lowercase letters, alphanumeric, hyphens and underscores.");
          } else if (COMMANDS.contains(name)) {
            problems.at(Schema.child(path, name), "Alias '" + name + "' conflicts with a built-in command.");
          }
        }
      }
    };
  }

  static Schema labels() {
    return (value, path, problems) -> {
      hashOf(string()).check(value, path, problems);
      if (value instanceof Map<?, ?> map) {
        for (Object key : map.keySet()) {
          if (RESERVED_LABELS.contains(String.valueOf(key))) {
            problems.at(Schema.child(path, key), "invalid label. destination, role, and service are reserved labels");
          }
        }
      }
    };
  }

  static Schema registry() {
    Schema credential = (value, path, problems) -> {
      boolean ok = value instanceof String
          || (value instanceof List<?> list && list.size() == 1 && list.get(0) instanceof String);
      if (value != null && !ok) {
        problems.at(path, "should be a string or an array with one string (for secret lookup)");
      }
    };
    return object().key("server", string()).key("username", credential).key("password", credential);
  }

  /** {@code servers:} a host list (role web) or a hash of roles. */
  static Schema servers() {
    return either("should be an array or a hash",
        when(v -> v instanceof List<?>, hosts()),
        when(v -> v instanceof Map<?, ?>, hashOf(role())));
  }

  /** A host list: {@code - host} or {@code - host: tag} / {@code - host: [tags]}. */
  static Schema hosts() {
    return (value, path, problems) -> {
      if (!(value instanceof List<?> list)) {
        problems.at(path, "should be an array");
        return;
      }
      for (int i = 0; i < list.size(); i++) {
        Object host = list.get(i);
        String hostPath = Schema.child(path, i);
        if (host instanceof Map<?, ?> map) {
          if (map.size() != 1) {
            problems.at(hostPath, "multiple hosts found");
            continue;
          }
          Map.Entry<?, ?> entry = map.entrySet().iterator().next();
          Object tags = entry.getValue();
          String tagsPath = Schema.child(hostPath, entry.getKey());
          if (tags instanceof List<?>) {
            arrayOf(string()).check(tags, tagsPath, problems);
          } else if (!Scalars.isStringish(tags)) {
            problems.at(tagsPath, "should be a string or an array");
          }
        } else if (!Scalars.isStringish(host)) {
          problems.at(hostPath, "should be a string or a hash");
        } else if (Scalars.toS(host).isBlank()) {
          problems.at(hostPath, "host is empty");
        }
      }
    };
  }

  static Schema role() {
    Schema full = object()
        .key("hosts", hosts())
        .key("cmd", string())
        .key("env", env(false))
        .key("options", options())
        .key("labels", labels())
        .key("proxy", proxy())
        .key("logging", logging())
        .key("stop_timeout", integer())
        .key("asset_path", string());
    return either("should be an array or a hash",
        when(v -> v instanceof List<?>, hosts()),
        when(v -> v instanceof Map<?, ?>, full));
  }

  /** Docker options; {@code restart} is checked as Kamal does. */
  static Schema options() {
    return (value, path, problems) -> {
      anyHash().check(value, path, problems);
      if (value instanceof Map<?, ?> map && map.containsKey("restart")) {
        Object restart = map.get("restart");
        String restartPath = Schema.child(path, "restart");
        if (!(restart instanceof String policy)) {
          problems.at(restartPath, "should be a string. Use \"no\" to disable restarts");
        } else if (!policy.matches("no|always|unless-stopped|on-failure(?::\\d+)?")) {
          problems.at(restartPath, "should be no, always, unless-stopped, on-failure, or on-failure:N");
        }
      }
    };
  }

  /** {@code env:}: a plain hash of values, or {@code clear}/{@code secret}/{@code tags} (tags at the root only). */
  static Schema env(boolean root) {
    return (value, path, problems) -> {
      if (!(value instanceof Map<?, ?> map)) {
        problems.at(path, "should be a hash");
        return;
      }
      boolean complex = map.containsKey("clear") || map.containsKey("secret") || map.containsKey("tags");
      if (!complex) {
        hashOf(string()).check(value, path, problems);
        return;
      }
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        String keyPath = Schema.child(path, key);
        switch (key) {
          case "clear" -> hashOf(string()).check(entry.getValue(), keyPath, problems);
          case "secret" -> arrayOf(string()).check(entry.getValue(), keyPath, problems);
          case "tags" -> {
            if (!root) {
              problems.at(keyPath, "tags are only allowed in the root env");
            } else {
              hashOf(env(false)).check(entry.getValue(), keyPath, problems);
            }
          }
          default -> problems.at(keyPath, "unknown key (with clear/secret, every value goes under clear:)");
        }
      }
    };
  }

  /** Kamal's {@code validate_hooks_output!}: a level (string or symbol), or a hash of them by hook. */
  static Schema hooksOutput() {
    Schema level = (value, path, problems) -> {
      if (!Scalars.isStringish(value)) {
        problems.at(path, "should be a string or a symbol");
      }
    };
    return either("should be a string or a symbol",
        when(v -> v instanceof Map<?, ?>, hashOf(level)),
        when(v -> true, level));
  }

  static Schema ssh() {
    return object()
        .key("user", string())
        .key("port", port())
        .key("proxy", string())
        .key("proxy_command", string())
        .key("log_level", string())
        .key("keys_only", bool())
        .key("keys", arrayOf(string()))
        .key("key_data", arrayOf(string()))
        .key("config", either("should be a boolean or a string or an array",
            when(v -> v instanceof Boolean || v instanceof String, (v, p, pr) -> { }),
            when(v -> v instanceof List<?>, arrayOf(string()))))
        .key("forward_agent", bool());
  }

  /** A TCP port: a number or a string of digits, 1 to 65535. */
  static Schema port() {
    return (value, path, problems) -> {
      if (!Scalars.isStringish(value)) {
        problems.at(path, "should be a string");
      } else if (!Scalars.toS(value).strip().matches("[0-9]{1,5}")
          || Integer.parseInt(Scalars.toS(value).strip()) < 1 || Integer.parseInt(Scalars.toS(value).strip()) > 65535) {
        problems.at(path, "should be a port number (1-65535)");
      }
    };
  }

  static Schema builder() {
    Schema shape = object()
        .key("driver", string())
        .key("arch", stringOrArray())
        .key("remote", string())
        .key("local", bool())
        .key("cache", object().keys(string(), "type", "options", "image"))
        .key("context", string())
        .key("dockerfile", string())
        .key("target", string())
        .key("args", anyHash())
        .key("secrets", arrayOf(string()))
        .key("ssh", string())
        .key("provenance", string())
        .key("sbom", bool())
        .key("pack", object().key("builder", string()).key("buildpacks", arrayOf(string())));
    return (value, path, problems) -> {
      shape.check(value, path, problems);
      if (value instanceof Map<?, ?> map) {
        if (map.get("cache") instanceof Map<?, ?> cache && cache.get("type") != null) {
          String type = Scalars.toS(cache.get("type"));
          if (!type.equals("gha") && !type.equals("registry")) {
            problems.at(Schema.child(path, "cache/type"), "Invalid cache type: " + type + " (must be gha or registry)");
          }
        }
        Object remote = map.get("remote");
        if (Boolean.FALSE.equals(map.get("local")) && (remote == null || Scalars.toS(remote).isBlank())) {
          problems.at(Schema.child(path, "local"), "Cannot disable local builds, no remote is set");
        }
      }
    };
  }

  static Schema boot() {
    Schema limit = (value, path, problems) -> {
      if (Scalars.isInteger(value)) {
        if (((Number) value).longValue() < 1) {
          problems.at(path, "should be at least 1");
        }
      } else if (value instanceof String text) {
        if (!text.matches("[1-9][0-9]{0,2}%")) {
          problems.at(path, "should be a number of hosts or a percentage like \"25%\"");
        }
      } else if (!Scalars.isStringish(value)) {
        problems.at(path, "should be a string");
      } else {
        problems.at(path, "should be a number of hosts or a percentage like \"25%\"");
      }
    };
    return object().key("limit", limit).key("wait", integer()).key("parallel_roles", bool());
  }

  static Schema logging() {
    return object().key("driver", string()).key("options", hashOf(string()));
  }

  /**
   * A role's or accessory's {@code proxy:}: {@code true}/{@code false} turn the proxy on or off, a hash configures
   * it (Kamal's validator lets a boolean through only there, and words anything else as "should be a hash").
   */
  static Schema proxy() {
    return either("should be a hash",
        when(v -> v instanceof Boolean, (v, p, pr) -> { }),
        when(v -> v instanceof Map<?, ?>, proxyHash()));
  }

  /**
   * The root {@code proxy:}: only a hash. Kamal's root validator lets a boolean pass, but building the root proxy
   * settings then refuses it with {@code proxy: should be a hash} (configuration/proxy.rb, test "false not allowed").
   */
  static Schema proxyHash() {
    Schema ssl = either("should be a boolean or a hash",
        when(v -> v instanceof Boolean, (v, p, pr) -> { }),
        when(v -> v instanceof Map<?, ?>, object().keys(string(), "certificate_pem", "private_key_pem")));
    return object()
        .key("host", string())
        .key("hosts", arrayOf(string()))
        .key("app_port", integer())
        .key("ssl", ssl)
        .key("certificate_pem", string())
        .key("private_key_pem", string())
        .key("ssl_redirect", bool())
        .key("forward_headers", bool())
        .key("response_timeout", integer())
        .key("path_prefix", string())
        .key("path_prefixes", arrayOf(string()))
        .key("strip_path_prefix", bool())
        .key("healthcheck", object().key("interval", integer()).key("path", string()).key("timeout", integer()))
        .key("buffering", object()
            .keys(bool(), "requests", "responses")
            .keys(integer(), "max_request_body", "max_response_body", "memory"))
        .key("logging", object().keys(arrayOf(string()), "request_headers", "response_headers"))
        .key("run", object()
            .keys(integer(), "http_port", "https_port", "metrics_port")
            .key("log_max_size", string())
            .key("debug", bool())
            .key("publish", bool())
            .key("bind_ips", arrayOf(string()))
            .keys(string(), "registry", "repository", "version")
            .key("options", anyHash()));
  }

  static Schema accessory() {
    Schema paths = arrayOf(either("should be a string or a hash",
        when(Scalars::isStringish, (v, p, pr) -> { }),
        when(v -> v instanceof Map<?, ?>, object().keys(string(), "local", "remote", "mode", "owner", "options"))));
    return object()
        .key("service", string())
        .key("image", string())
        .key("registry", registry())
        .key("host", string())
        .key("hosts", arrayOf(string()))
        .key("role", string())
        .key("roles", arrayOf(string()))
        .key("tag", string())
        .key("tags", arrayOf(string()))
        .key("cmd", string())
        .key("port", string())
        .key("labels", labels())
        .key("options", options())
        .key("env", env(false))
        .key("files", paths)
        .key("directories", paths)
        .key("volumes", arrayOf(string()))
        .key("network", string())
        .key("proxy", proxy());
  }
}

package io.sextant.config;

import java.util.List;
import java.util.Map;

/**
 * A server role ({@code servers: {web: ..., workers: ...}}; a plain host list is the role {@code web}).
 *
 * @param env the role's own {@code env:} (not merged with the root env; see {@link #effectiveEnv(EnvConfig)})
 * @param options extra {@code docker run} options, as written ({@code memory: 2g})
 * @param proxy the role's {@code proxy:} as written: null (unset), Boolean, or a map
 * @param stopTimeout the role's {@code stop_timeout}, or null
 */
public record Role(
    String name,
    List<Host> hosts,
    String cmd,
    EnvConfig env,
    Map<String, Object> options,
    Map<String, String> labels,
    Object proxy,
    LoggingConfig logging,
    Integer stopTimeout,
    String assetPath) {

  public Role {
    hosts = List.copyOf(hosts);
    options = Ordered.copy(options);
    labels = Ordered.copy(labels);
  }

  /** Host names, in config order. */
  public List<String> hostNames() {
    return hosts.stream().map(Host::name).toList();
  }

  /** The root env with this role's clear values and secrets on top. */
  public EnvConfig effectiveEnv(EnvConfig root) {
    return root.mergedWith(env);
  }
}

package io.sextant.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the kamal-proxy container is run when the configuration says so in {@code proxy: run:} (Kamal 2.12's
 * in-YAML form of the boot config). The settings are kept as written: two runs are equal when their settings are,
 * which is how conflicting runs on one host are found (Kamal compares the {@code run} hashes the same way).
 *
 * @param settings the {@code run:} map as written
 */
public record ProxyRun(Map<String, Object> settings) {
  /** The oldest kamal-proxy Kamal 2.12 (and Sextant) drives; also the default image tag. */
  public static final String MINIMUM_VERSION = "v0.9.2";
  public static final int DEFAULT_HTTP_PORT = 80;
  public static final int DEFAULT_HTTPS_PORT = 443;
  public static final String DEFAULT_LOG_MAX_SIZE = "10m";
  public static final String DEFAULT_REPOSITORY = "basecamp/kamal-proxy";

  public ProxyRun {
    settings = Ordered.copy(settings);
  }

  /** The {@code run:} of a {@code proxy:} section (root, role or accessory), when it is set and not empty. */
  @SuppressWarnings("unchecked")
  public static Optional<ProxyRun> of(Map<String, Object> proxySection) {
    if (proxySection != null && proxySection.get("run") instanceof Map<?, ?> run && !run.isEmpty()) {
      return Optional.of(new ProxyRun((Map<String, Object>) run));
    }
    return Optional.empty();
  }

  public boolean debug() {
    return Boolean.TRUE.equals(settings.get("debug"));
  }

  /** Whether the HTTP and HTTPS ports are published on the host (default true). */
  public boolean publish() {
    return !Boolean.FALSE.equals(settings.get("publish"));
  }

  public String httpPort() {
    return text("http_port", String.valueOf(DEFAULT_HTTP_PORT));
  }

  public String httpsPort() {
    return text("https_port", String.valueOf(DEFAULT_HTTPS_PORT));
  }

  /** The host addresses the ports are published on; empty = all interfaces. */
  public List<String> bindIps() {
    return settings.get("bind_ips") instanceof List<?> ips ? ips.stream().map(Scalars::toS).toList() : List.of();
  }

  /** The Docker log size limit; blank means no {@code --log-opt} at all. */
  public String logMaxSize() {
    return text("log_max_size", DEFAULT_LOG_MAX_SIZE);
  }

  public String version() {
    return text("version", MINIMUM_VERSION);
  }

  /** The registry of the proxy image, or null for Docker Hub. */
  public String registry() {
    return settings.get("registry") == null ? null : Scalars.toS(settings.get("registry"));
  }

  public String repository() {
    return text("repository", DEFAULT_REPOSITORY);
  }

  /** {@code [<registry>/]<repository>:<version>}. */
  public String image() {
    return (registry() == null ? "" : registry() + "/") + repository() + ":" + version();
  }

  /** The Prometheus metrics port, or null (blank counts as unset, as in Kamal). */
  public String metricsPort() {
    String port = text("metrics_port", null);
    return port == null || port.isBlank() ? null : port;
  }

  /** Extra {@code docker run} options ({@code options:}), as written. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> options() {
    return settings.get("options") instanceof Map<?, ?> options ? (Map<String, Object>) options : Map.of();
  }

  private String text(String key, String fallback) {
    return settings.containsKey(key) ? Scalars.toS(settings.get(key)) : fallback;
  }
}

package io.sextant.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kamal's kamal-proxy checks, with its wording: each {@code proxy:} map on its own as written (the root one, and a
 * role's when that role runs the proxy: {@code Kamal::Configuration::Validator::Proxy}), then the SSL checks on each
 * role's merged settings ({@code Configuration#ensure_one_host_for_ssl_roles},
 * {@code #ensure_unique_hosts_for_ssl_roles}). Runs only once the key shapes are known to be right.
 */
final class ProxyValidator {
  private ProxyValidator() {}

  static void validate(Map<String, Object> raw, Problems problems) {
    if (raw.get("proxy") instanceof Map<?, ?> root) {
      proxyMap(root, "proxy", problems);
    }
    DeployConfig config = ConfigMapper.map(raw, null);
    for (Role role : config.roles()) {
      if (config.runsProxy(role) && role.proxy() instanceof Map<?, ?> own) {
        proxyMap(own, "servers/" + role.name() + "/proxy", problems);
      }
    }
    ssl(config, problems);
  }

  /** One {@code proxy:} map as written, before any merge (Kamal validates each on its own). */
  private static void proxyMap(Map<?, ?> proxy, String path, Problems problems) {
    Object ssl = proxy.get("ssl");
    if (isBlank(proxy.get("host")) && isBlank(proxy.get("hosts")) && ssl != null && !Boolean.FALSE.equals(ssl)) {
      problems.at(path, "Must set a host to enable automatic SSL");
    }
    if (proxy.containsKey("host") && proxy.containsKey("hosts")) {
      problems.at(path, "Specify one of 'host' or 'hosts', not both");
    }
    if (ssl instanceof Map<?, ?> pems) {
      if (!isBlank(pems.get("certificate_pem")) && isBlank(pems.get("private_key_pem"))) {
        problems.at(path, "Missing private_key_pem setting (required when certificate_pem is present)");
      }
      if (!isBlank(pems.get("private_key_pem")) && isBlank(pems.get("certificate_pem"))) {
        problems.at(path, "Missing certificate_pem setting (required when private_key_pem is present)");
      }
    }
    // proxy/run is checked by ProxyRunChecks.
  }

  /** Automatic (Let's Encrypt) TLS needs one server per role, and a host name used by one role only. */
  private static void ssl(DeployConfig config, Problems problems) {
    Map<String, Integer> sslHosts = new LinkedHashMap<>();
    for (Role role : config.roles()) {
      if (!config.runsProxy(role)) {
        continue;
      }
      ProxyConfig proxy = config.appProxy(role);
      if (!proxy.ssl()) {
        continue;
      }
      if (role.hosts().size() > 1 && !proxy.customSslCertificate()) {
        problems.general("SSL is only supported on a single server unless you provide custom certificates, found "
            + role.hosts().size() + " servers for role " + role.name());
      }
      proxy.hosts().forEach(host -> sslHosts.merge(host, 1, Integer::sum));
    }
    List<String> shared = sslHosts.entrySet().stream().filter(entry -> entry.getValue() > 1)
        .map(Map.Entry::getKey).toList();
    if (!shared.isEmpty()) {
      problems.general("Different roles can't share the same host for SSL: " + String.join(", ", shared));
    }
  }

  /** Ruby's {@code blank?}: nothing, an empty or whitespace string, an empty list or map ({@code false} too). */
  private static boolean isBlank(Object value) {
    return value == null || Boolean.FALSE.equals(value)
        || (value instanceof String s && s.isBlank())
        || (value instanceof List<?> list && list.isEmpty())
        || (value instanceof Map<?, ?> map && map.isEmpty());
  }
}

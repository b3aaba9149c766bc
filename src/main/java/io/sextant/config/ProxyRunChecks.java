package io.sextant.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Kamal's checks of {@code proxy: run:} (root, role and accessory sections): no ports or bind addresses when
 * nothing is published, and one way of running kamal-proxy per host. Sextant also checks the bind addresses
 * themselves here, which Kamal leaves to {@code docker run} on the hosts.
 */
final class ProxyRunChecks {
  private ProxyRunChecks() {}

  /** Runs once the key shapes are known to be right. */
  static void check(Map<String, Object> raw, Problems problems) {
    for (Map.Entry<String, Object> section : sections(raw).entrySet()) {
      if (section.getValue() instanceof Map<?, ?> proxy && proxy.get("run") instanceof Map<?, ?> run) {
        checkRun(section.getKey() + "/run", run, problems);
      }
    }
    DeployConfig config = ConfigMapper.map(raw, null);
    for (String host : config.allHosts()) {
      if (new LinkedHashSet<>(config.proxyRuns(host)).size() > 1) {
        problems.general("Conflicting proxy run configurations for host " + host);
      }
    }
  }

  private static void checkRun(String path, Map<?, ?> run, Problems problems) {
    List<String> bindIps = run.get("bind_ips") instanceof List<?> ips
        ? ips.stream().map(Scalars::toS).toList() : List.of();
    if (Boolean.FALSE.equals(run.get("publish"))
        && (!bindIps.isEmpty() || present(run.get("http_port")) || present(run.get("https_port")))) {
      problems.at(path, "Cannot set http_port, https_port or bind_ips when publish is false");
    }
    for (String ip : bindIps) {
      if (!ProxyBoot.isIpAddress(ip)) {
        problems.at(path + "/bind_ips", "Invalid publish IP address: " + ip);
      }
    }
  }

  private static boolean present(Object value) {
    return value != null && !Scalars.toS(value).isBlank();
  }

  /** Every {@code proxy:} section by its key path. */
  private static Map<String, Object> sections(Map<String, Object> raw) {
    Map<String, Object> sections = new java.util.LinkedHashMap<>();
    sections.put("proxy", raw.get("proxy"));
    if (raw.get("servers") instanceof Map<?, ?> servers) {
      servers.forEach((name, role) -> {
        if (role instanceof Map<?, ?> map) {
          sections.put("servers/" + name + "/proxy", map.get("proxy"));
        }
      });
    }
    if (raw.get("accessories") instanceof Map<?, ?> accessories) {
      accessories.forEach((name, accessory) -> {
        if (accessory instanceof Map<?, ?> map) {
          sections.put("accessories/" + name + "/proxy", map.get("proxy"));
        }
      });
    }
    return sections;
  }
}

package io.sextant.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kamal 2.12 keys Sextant accepts and validates but does not act on yet: one warning line per key set in the
 * merged configuration, naming the key and what Sextant does instead (docs/configuration.md lists them; the
 * commands print the lines once, on stderr).
 */
public final class IgnoredKeys {
  private static final Map<String, String> INSTEAD = new LinkedHashMap<>();

  static {
    INSTEAD.put("ssh/log_level", "Sextant's SSH logging follows -v/--verbose");
    INSTEAD.put("ssh/forward_agent", "Sextant does not forward the SSH agent to the hosts");
    INSTEAD.put("sshkit/max_concurrent_starts", "Sextant opens its connections with its own limits");
    INSTEAD.put("sshkit/pool_idle_timeout", "Sextant keeps its connections for the command's duration");
    INSTEAD.put("sshkit/dns_retries", "Sextant resolves each host once per connection attempt");
    INSTEAD.put("output", "Sextant does not ship deploy output to a file or OpenTelemetry");
    INSTEAD.put("run_directory", "Sextant, like Kamal 2, always uses .kamal on the hosts");
  }

  private IgnoredKeys() {}

  /** The warning lines for {@code config}, in the order above. */
  public static List<String> warnings(DeployConfig config) {
    List<String> warnings = new ArrayList<>();
    INSTEAD.forEach((key, instead) -> {
      if (isSet(config.raw(), key)) {
        warnings.add("WARNING: " + key + " is accepted but not supported by Sextant yet: " + instead
            + " (see docs/configuration.md)");
      }
    });
    return warnings;
  }

  private static boolean isSet(Map<String, Object> raw, String key) {
    Object value = raw;
    for (String part : key.split("/")) {
      if (!(value instanceof Map<?, ?> map) || !map.containsKey(part)) {
        return false;
      }
      value = map.get(part);
    }
    return value != null;
  }
}

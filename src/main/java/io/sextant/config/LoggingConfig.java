package io.sextant.config;

import java.util.Map;

/** Docker logging: {@code logging: {driver, options}}; both may be absent. */
public record LoggingConfig(String driver, Map<String, String> options) {
  public static final LoggingConfig NONE = new LoggingConfig(null, Map.of());

  public LoggingConfig {
    options = Ordered.copy(options);
  }

  public boolean isEmpty() {
    return driver == null && options.isEmpty();
  }
}

package io.sextant.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Collects every configuration problem (one line each: {@code file:line: key/path: message}) so they are all
 * reported at once.
 */
final class Problems {
  private final SourceMap locations;
  private final LinkedHashSet<String> lines = new LinkedHashSet<>();

  Problems(SourceMap locations) {
    this.locations = locations;
  }

  /** A problem at a key path ({@code servers/web/hosts}); the file and line come from the source map. */
  void at(String path, String message) {
    SourceMap.Location location = locations.locate(path);
    lines.add(location + ": " + (path.isEmpty() ? "" : path + ": ") + message);
  }

  /** A problem with the configuration as a whole (a missing key, a Kamal-worded check): names the base file. */
  void general(String message) {
    lines.add(locations.locate("") + ": " + message);
  }

  /** A problem that already names its file. */
  void raw(String line) {
    lines.add(line);
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  void throwIfAny() {
    if (!lines.isEmpty()) {
      throw new ConfigurationException(new ArrayList<>(lines));
    }
  }

  List<String> lines() {
    return List.copyOf(lines);
  }
}

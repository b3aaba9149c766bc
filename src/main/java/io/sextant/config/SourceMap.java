package io.sextant.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each key path ({@code servers/web/hosts/0}) was written: file and line. Built from snakeyaml node marks;
 * a destination file's entries override the base file's, as its values do.
 */
final class SourceMap {
  /** A file (as the user named it) and a 1-based line, or 0 when unknown. */
  record Location(String file, int line) {
    @Override
    public String toString() {
      return line > 0 ? file + ":" + line : file;
    }
  }

  private final Map<String, Location> locations = new HashMap<>();
  private final String defaultFile;

  SourceMap(String defaultFile) {
    this.defaultFile = defaultFile;
  }

  void put(String path, Location location) {
    locations.put(path, location);
  }

  /** Adds an overlay's (destination file's) locations; problems with no key path still name the base file. */
  void putAll(SourceMap other) {
    Location root = locations.get("");
    locations.putAll(other.locations);
    if (root != null) {
      locations.put("", root);
    }
  }

  /** The location of the path, else of its nearest ancestor, else the base file. */
  Location locate(String path) {
    String current = path;
    while (true) {
      Location location = locations.get(current);
      if (location != null) {
        return location;
      }
      int slash = current.lastIndexOf('/');
      if (slash < 0) {
        return locations.getOrDefault("", new Location(defaultFile, 0));
      }
      current = current.substring(0, slash);
    }
  }
}

package io.sextant.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to load: the working directory (relative paths resolve against it, as Kamal resolves them against its
 * CWD), the configuration file ({@code config/deploy.yml} by default), the destination ({@code -d}, may be null),
 * the {@code --version} override (may be null) and the process environment (never read from {@link System}
 * here, so tests can pass their own).
 */
public record ConfigRequest(
    Path workingDir,
    String configFile,
    String destination,
    String versionOverride,
    Map<String, String> environment) {

  public static final String DEFAULT_CONFIG_FILE = "config/deploy.yml";

  public ConfigRequest {
    Objects.requireNonNull(workingDir, "workingDir");
    configFile = configFile == null || configFile.isEmpty() ? DEFAULT_CONFIG_FILE : configFile;
    destination = destination == null || destination.isEmpty() ? null : destination;
    versionOverride = versionOverride == null || versionOverride.isEmpty() ? null : versionOverride;
    environment = environment == null ? Map.of() : Map.copyOf(environment);
  }

  /** A request for the default config file in {@code workingDir}, with no destination or version. */
  public static ConfigRequest of(Path workingDir, Map<String, String> environment) {
    return new ConfigRequest(workingDir, null, null, null, environment);
  }

  /** The config file, resolved against the working directory. */
  public Path configPath() {
    return workingDir.resolve(configFile);
  }

  /**
   * The destination file: the config file's name with {@code .yml} replaced by {@code .<dest>.yml} (Ruby's
   * {@code sub_ext}), or null without a destination.
   */
  public Path destinationPath() {
    if (destination == null) {
      return null;
    }
    Path config = configPath();
    String name = config.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return config.resolveSibling(stem + "." + destination + ".yml");
  }

  /** The configuration file as the user named it, for messages. */
  public String displayName(Path file) {
    Path absoluteWd = workingDir.toAbsolutePath().normalize();
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(absoluteWd) ? absoluteWd.relativize(absolute).toString() : file.toString();
  }
}

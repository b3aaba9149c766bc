package io.sextant.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads the configuration as Kamal does: ERB-render and parse {@code config/deploy.yml}, deep-merge
 * {@code deploy.<dest>.yml} over it when a destination is given, validate (every problem at once, exit 2), then
 * map to {@link DeployConfig}. Secrets and the version are resolved lazily by {@link LoadedConfig}.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** Whether {@code word} is one of Kamal's top-level commands (or Sextant's), which no alias may shadow. */
  public static boolean isCommandName(String word) {
    return KamalSchema.COMMANDS.contains(word);
  }

  public static LoadedConfig load(ConfigRequest request) {
    Map<String, String> environment = kamalEnvironment(request);
    Path configPath = request.configPath();
    String configName = request.displayName(configPath);
    if (!Files.isRegularFile(configPath)) {
      throw new ConfigurationException("Configuration file not found in " + configName
          + " (run `sextant init`, or pass -c PATH)");
    }
    ErbRenderer erb = new ErbRenderer(environment, request.workingDir());
    YamlSource.Document base = YamlSource.read(configPath, configName, erb);
    Map<String, Object> raw = base.root();
    SourceMap locations = base.locations();
    if (request.destination() != null) {
      Path destinationPath = request.destinationPath();
      String destinationName = request.displayName(destinationPath);
      if (!Files.isRegularFile(destinationPath)) {
        throw new ConfigurationException("Configuration file not found in " + destinationName
            + " (destination " + request.destination() + ")");
      }
      YamlSource.Document overlay = YamlSource.read(destinationPath, destinationName, erb);
      raw = deepMerge(raw, overlay.root());
      locations.putAll(overlay.locations());
    }
    ConfigValidator.validate(raw, locations, request.destination(), request.workingDir());
    DeployConfig config = ConfigMapper.map(raw, request.destination());
    return new LoadedConfig(config, request, environment,
        () -> SecretsLoader.load(request.workingDir(), config.secretsPath(), request.destination(), environment),
        () -> SecretsLoader.loadWithoutCommands(request.workingDir(), config.secretsPath(), request.destination(),
            environment),
        () -> AppVersion.resolve(request.workingDir(), request.versionOverride(), environment,
            !config.builder().gitClone()));
  }

  /**
   * As Kamal (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration.rb#L21): {@code KAMAL_DESTINATION}
   * is set to the destination, or removed when there is none.
   */
  static Map<String, String> kamalEnvironment(ConfigRequest request) {
    Map<String, String> environment = new HashMap<>(request.environment());
    if (request.destination() == null) {
      environment.remove("KAMAL_DESTINATION");
    } else {
      environment.put("KAMAL_DESTINATION", request.destination());
    }
    return environment;
  }

  /** ActiveSupport's {@code deep_merge}: hashes merge recursively, anything else in {@code overlay} wins. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> overlay) {
    Map<String, Object> merged = new LinkedHashMap<>(base);
    overlay.forEach((key, value) -> {
      Object existing = merged.get(key);
      if (existing instanceof Map<?, ?> existingMap && value instanceof Map<?, ?> valueMap) {
        merged.put(key, deepMerge((Map<String, Object>) existingMap, (Map<String, Object>) valueMap));
      } else {
        merged.put(key, value);
      }
    });
    return merged;
  }
}

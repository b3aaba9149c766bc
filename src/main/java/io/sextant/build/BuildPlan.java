package io.sextant.build;

import io.sextant.commands.BuildCommands;
import io.sextant.commands.RegistryCommands;
import io.sextant.config.DeployConfig;
import io.sextant.config.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to build and push one version of the app image.
 *
 * @param commands the image, tags, build args, dockerfile, target and context
 * @param registry where to log in before pushing, or {@code null} when no login is needed (a local
 *     {@code localhost:PORT} registry)
 * @param registryPassword the registry password (fed on stdin to {@code docker login}); {@code null} without login
 * @param buildSecrets values of {@code builder.secrets}, by name (given to the build in its environment only)
 * @param fromGitClone build from a fresh clone of the git HEAD (Kamal's default, when {@code builder.context}
 *     is not set) rather than from the working directory
 * @param arches {@code builder.arch} ({@code amd64}, {@code arm64}); empty = whatever the local daemon builds
 */
public record BuildPlan(
    BuildCommands commands,
    RegistryCommands registry,
    String registryPassword,
    Map<String, String> buildSecrets,
    boolean fromGitClone,
    List<String> arches) {

  public BuildPlan {
    Objects.requireNonNull(commands, "commands");
    arches = arches == null ? List.of() : List.copyOf(arches);
    buildSecrets = buildSecrets == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildSecrets));
    if (registry != null && registryPassword == null) {
      throw new IllegalArgumentException("a registry login needs a password");
    }
  }

  /**
   * The build of {@code version} as configured: {@code builder:} settings, the registry login (username and
   * password may be secrets) and the values of {@code builder.secrets}; a missing secret is a configuration error.
   */
  public static BuildPlan of(DeployConfig config, Secrets secrets, String version) {
    RegistryCommands registry = RegistryCommands.of(config.registry(), secrets).orElse(null);
    String password = registry == null || config.registry().password() == null
        ? null : config.registry().password().resolve(secrets);
    Map<String, String> buildSecrets = new LinkedHashMap<>();
    config.builder().secrets().forEach(name -> buildSecrets.put(name, secrets.require(name)));
    return new BuildPlan(BuildCommands.of(config, version), password == null ? null : registry, password,
        buildSecrets, config.builder().gitClone(), config.builder().arch());
  }

  @Override
  public String toString() {
    return "BuildPlan[" + commands.image() + ", secrets=" + buildSecrets.keySet() + ", fromGitClone=" + fromGitClone
        + "]";
  }
}

package io.sextant.build;

import io.sextant.commands.BuildCommands;
import io.sextant.commands.BuilderCommands;
import io.sextant.commands.RegistryCommands;
import io.sextant.config.DeployConfig;
import io.sextant.config.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to build and push one version of the app image.
 *
 * @param commands the image, its tags, the pull on the hosts and the git clone
 * @param builder the buildx (or pack) command lines of the configured builder
 * @param registry where to log in before pushing, or {@code null} when no login is needed (a local
 *     {@code localhost:PORT} registry)
 * @param registryPassword the registry password (fed on stdin to {@code docker login}); {@code null} without login
 * @param buildSecrets values of {@code builder.secrets}, by name (given to the build in its environment only)
 * @param fromGitClone build from a fresh clone of the git HEAD (Kamal's default, when {@code builder.context}
 *     is not set) rather than from the working directory
 */
public record BuildPlan(
    BuildCommands commands,
    BuilderCommands builder,
    RegistryCommands registry,
    String registryPassword,
    Map<String, String> buildSecrets,
    boolean fromGitClone) {

  public BuildPlan {
    Objects.requireNonNull(commands, "commands");
    Objects.requireNonNull(builder, "builder");
    buildSecrets = buildSecrets == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildSecrets));
    if (registry != null && registryPassword == null) {
      throw new IllegalArgumentException("a registry login needs a password");
    }
  }

  /**
   * The build of {@code version} as configured: {@code builder:} settings, the registry login (username and
   * password may be secrets) and the values of {@code builder.secrets}; a missing secret is a configuration error.
   *
   * @param localArch the architecture this machine's Docker builds ({@link LocalArchitecture})
   */
  public static BuildPlan of(DeployConfig config, Secrets secrets, String version, String localArch) {
    RegistryCommands registry = RegistryCommands.of(config.registry(), secrets).orElse(null);
    String password = registry == null || config.registry().password() == null
        ? null : config.registry().password().resolve(secrets);
    Map<String, String> buildSecrets = new LinkedHashMap<>();
    config.builder().secrets().forEach(name -> buildSecrets.put(name, secrets.require(name)));
    return new BuildPlan(BuildCommands.of(config, version),
        BuilderCommands.of(config, version, localArch, buildSecrets), password == null ? null : registry, password,
        buildSecrets, config.builder().gitClone());
  }

  /** The plan for what does not depend on the builder kind (the pull on the hosts). */
  public static BuildPlan of(DeployConfig config, Secrets secrets, String version) {
    return of(config, secrets, version, LocalArchitecture.ofThisJvm());
  }

  @Override
  public String toString() {
    return "BuildPlan[" + commands.image() + ", " + builder.name() + ", secrets=" + buildSecrets.keySet()
        + ", fromGitClone=" + fromGitClone + "]";
  }
}

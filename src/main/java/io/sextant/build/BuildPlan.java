package io.sextant.build;

import io.sextant.commands.BuildCommands;
import io.sextant.commands.RegistryCommands;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to build and push one version of the app image.
 *
 * @param commands the image, tags, build args, dockerfile, target and context
 * @param registry where to push, or {@code null} to skip the registry login (a registry that needs none)
 * @param registryPassword the registry password (fed on stdin to {@code docker login}); {@code null} with no registry
 * @param buildSecrets values of {@code builder.secrets}, by name (given to the build in its environment only)
 * @param fromGitClone build from a fresh clone of the git HEAD (Kamal's default, when {@code builder.context}
 *     is not set) rather than from the working directory
 */
public record BuildPlan(
    BuildCommands commands,
    RegistryCommands registry,
    String registryPassword,
    Map<String, String> buildSecrets,
    boolean fromGitClone) {

  public BuildPlan {
    Objects.requireNonNull(commands, "commands");
    buildSecrets = buildSecrets == null ? Map.of() : Map.copyOf(buildSecrets);
    if (registry != null && registryPassword == null) {
      throw new IllegalArgumentException("a registry login needs a password");
    }
  }

  @Override
  public String toString() {
    return "BuildPlan[" + commands.image() + ", secrets=" + buildSecrets.keySet() + ", fromGitClone=" + fromGitClone
        + "]";
  }
}

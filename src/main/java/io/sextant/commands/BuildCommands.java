package io.sextant.commands;

import io.sextant.config.BuilderConfig;
import io.sextant.config.DeployConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The app image's names and its pull on the hosts (the build itself: {@link BuilderCommands}; its git clone:
 * {@link CloneCommands}): shell strings for the hosts that pull.
 *
 * @param service the {@code service} name (the image gets a {@code service} label)
 * @param destination the destination, or {@code null} ({@code latest-<destination>} tag)
 * @param repository the image without tag, registry included
 * @param version the version tag
 * @param args {@code builder.args}
 * @param secrets names of {@code builder.secrets}
 * @param dockerfile {@code builder.dockerfile} ({@code Dockerfile} by default), relative to where the build runs
 * @param target {@code builder.target}, or {@code null}
 * @param context the build context ({@code .} = the clone or the project root)
 */
public record BuildCommands(
    String service,
    String destination,
    String repository,
    String version,
    Map<String, String> args,
    List<String> secrets,
    String dockerfile,
    String target,
    String context) {

  public BuildCommands {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(version, "version");
    destination = destination == null || destination.isEmpty() ? null : destination;
    args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    dockerfile = dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile;
    context = context == null || context.isEmpty() ? "." : context;
  }

  /** The build of {@code version} as {@code builder:} configures it. */
  public static BuildCommands of(DeployConfig config, String version) {
    BuilderConfig builder = config.builder();
    return new BuildCommands(config.service(), config.destination(), config.repository(), version, builder.args(),
        builder.secrets(), builder.dockerfile(), builder.target(), builder.context());
  }

  public String image() {
    return repository + ":" + version;
  }

  public String latestImage() {
    return repository + ":" + (destination == null ? "latest" : "latest-" + destination);
  }

  /** Local: removes the built image (Kamal's {@code build remove}). */
  public List<String> clean() {
    return List.of("docker", "image", "rm", "--force", image());
  }

  /** Remote: pulls {@link #image()} on a host. */
  public String pull() {
    return Shell.join(List.of("docker", "pull", image()));
  }

  /**
   * Remote, one exec: {@code docker login} (when {@code registry} is given; the password is the exec's stdin),
   * {@link #pull()}, then {@link #validateImage()}, each reported as its own step ({@code docker login},
   * {@code docker pull <image>}, {@code image label check}).
   *
   * @param registry the registry to log in to first, or {@code null} for none
   */
  public StepScript pullScript(RegistryCommands registry) {
    StepScript script = new StepScript("pull");
    if (registry != null) {
      script.runWithStdin("docker login", registry.login());
    }
    return script.run("docker pull " + image(), pull()).run("image label check", validateImage());
  }

  /** Remote: fails unless the pulled image carries this service's {@code service} label. */
  public String validateImage() {
    return Shell.join(List.of("docker", "inspect", "-f", "{{ .Config.Labels.service }}", image()))
        + " | grep -x " + Shell.quote(service) + " || (echo "
        + Shell.quote("Image " + image() + " is missing the 'service' label") + " && exit 1)";
  }

  /**
   * Remote, on an {@code ssh://} remote builder's host before {@code build create}: does it answer? (Kamal's
   * {@code execute "true"}, https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build.rb#L168-L170.)
   */
  public static String remoteBuilderCheck() {
    return "true";
  }
}

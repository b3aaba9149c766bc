package io.sextant.commands;

import static io.sextant.commands.BuilderWords.argumentize;
import static io.sextant.commands.BuilderWords.present;
import static io.sextant.commands.BuilderWords.words;

import io.sextant.config.BuilderConfig;
import io.sextant.config.DeployConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The local command lines of Kamal's builders (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/builder.rb
 * and {@code builder/*.rb}): {@code docker buildx} with a local, remote, hybrid or cloud builder, or {@code pack}.
 * This record holds the settings, picks the kind and builds the {@code docker buildx build} line they share; each
 * kind's own lines are in {@link LocalBuilderCommands}, {@link RemoteBuilderCommands} (remote and hybrid),
 * {@link CloudBuilderCommands} and {@link PackBuilderCommands}, the cache options in {@link BuildCacheOptions}.
 * Each command is a list of words that, joined by single spaces, is Kamal's command line to the letter; the words
 * may hold shell operators ({@code &&}, {@code ;}, {@code |}, {@code 2>&1}) and Kamal-escaped values
 * ({@code service="app"}), so a command runs as {@code sh -c <joined words>}, as SSHKit runs Kamal's.
 *
 * @param builder {@code builder:}
 * @param service {@code service}, for the {@code service} label
 * @param image {@code image} (without registry), for the default cache image
 * @param registryServer {@code registry.server}, or {@code null} for Docker Hub
 * @param localRegistry Kamal's {@code registry.local?} ({@code localhost:PORT}): builders get {@code network=host}
 * @param repository the image with its registry ({@code config.repository})
 * @param version the version tag
 * @param destination the destination, or {@code null} ({@code latest-<destination>})
 * @param localArch the architecture the local Docker builds ({@code amd64}, {@code arm64})
 * @param secretValues {@code builder.secrets} by name; only {@code pack} puts values on its command line
 */
public record BuilderCommands(
    BuilderConfig builder,
    String service,
    String image,
    String registryServer,
    boolean localRegistry,
    String repository,
    String version,
    String destination,
    String localArch,
    Map<String, String> secretValues) {

  /** Kamal's builder kinds ({@code Kamal::Commands::Builder#target}). */
  public enum Kind { LOCAL, REMOTE, HYBRID, PACK, CLOUD }

  /** {@code driver} when {@code builder.driver} is not set. */
  public static final String DEFAULT_DRIVER = "docker-container";

  /** The stderr of a builder check that means "create it first" (Kamal's pattern in {@code cli/build.rb}). */
  public static final String MISSING_BUILDER = "(context not found|no builder|no compatible builder|does not exist)";

  /** The part of {@link #MISSING_BUILDER} after which a failed {@link #remove()} is harmless. */
  public static final String NOTHING_TO_REMOVE = "(context not found|no builder|does not exist)";

  public BuilderCommands {
    Objects.requireNonNull(builder, "builder");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(version, "version");
    destination = destination == null || destination.isEmpty() ? null : destination;
    secretValues = secretValues == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secretValues));
  }

  /** The builder of {@code config} for {@code version}, on a machine whose Docker builds {@code localArch}. */
  public static BuilderCommands of(DeployConfig config, String version, String localArch,
      Map<String, String> secretValues) {
    return new BuilderCommands(config.builder(), config.service(), config.image(), config.registry().server(),
        config.registry().isLocal(), config.repository(), version, config.destination(), localArch, secretValues);
  }

  // ---- what kind of builder (Kamal::Configuration::Builder) ----

  public List<String> arches() {
    return builder.arch();
  }

  public List<String> localArches() {
    if (!builder.local()) {
      return List.of();
    }
    return remote() == null ? arches() : arches().stream().filter(localArch::equals).toList();
  }

  public List<String> remoteArches() {
    if (remote() == null) {
      return List.of();
    }
    List<String> local = localArches();
    return arches().stream().filter(arch -> !local.contains(arch)).toList();
  }

  public String remote() {
    String remote = builder.remote();
    return remote == null || remote.isEmpty() ? null : remote;
  }

  public String driver() {
    Object driver = builder.extra().get("driver");
    return driver == null ? DEFAULT_DRIVER : String.valueOf(driver);
  }

  public boolean dockerDriver() {
    return driver().equals("docker");
  }

  public Kind kind() {
    if (!remoteArches().isEmpty()) {
      return builder.local() && (arches().isEmpty() || !localArches().isEmpty()) ? Kind.HYBRID : Kind.REMOTE;
    }
    if (builder.extra().get("pack") != null) {
      return Kind.PACK;
    }
    return driver().startsWith("cloud") ? Kind.CLOUD : Kind.LOCAL;
  }

  /** Kamal's {@code KAMAL.builder.name}: {@code local}, {@code remote}, {@code hybrid}, {@code pack}, {@code cloud}. */
  public String name() {
    return kind().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Remote and hybrid builders push with the remote BuildKit asking this machine for no registry token. */
  public Map<String, String> pushEnv() {
    return kind() == Kind.REMOTE || kind() == Kind.HYBRID ? Map.of("BUILDKIT_NO_CLIENT_TOKEN", "1") : Map.of();
  }

  /** Remote and hybrid builders push from the remote BuildKit: no {@code docker login} here. */
  public boolean loginToRegistryLocally() {
    return kind() != Kind.REMOTE && kind() != Kind.HYBRID;
  }

  /** {@code docker --version && docker buildx version} (Kamal's {@code ensure_docker_installed}). */
  public static List<String> ensureDockerInstalled() {
    return List.of("docker", "--version", "&&", "docker", "buildx", "version");
  }

  /** The builder's own command lines, by kind (Kamal's {@code Kamal::Commands::Builder#target}). */
  private BuilderTarget target() {
    return switch (kind()) {
      case LOCAL -> new LocalBuilderCommands(this);
      case REMOTE -> new RemoteBuilderCommands(this, false);
      case HYBRID -> new RemoteBuilderCommands(this, true);
      case CLOUD -> new CloudBuilderCommands(this);
      case PACK -> new PackBuilderCommands(this);
    };
  }

  /** The buildx builder's name (for {@code pack}: none). */
  public String builderName() {
    return target().builderName();
  }

  /** Creates the builder; empty when there is nothing to create (the {@code docker} driver, {@code pack}). */
  public List<String> create() {
    return target().create();
  }

  /** Removes the builder; empty when there is nothing to remove. */
  public List<String> remove() {
    return target().remove();
  }

  /** {@code build details}: the contexts and builders (for {@code pack}: the pack builder). */
  public List<String> info() {
    return target().info();
  }

  /** Fails when the builder is missing or not the configured one; empty when there is nothing to check. */
  public List<String> inspectBuilder() {
    return target().inspectBuilder();
  }

  /**
   * Builds the image and exports it ({@code registry} pushes both tags).
   *
   * @param output buildx's {@code --output} type ({@code registry}; {@code build dev}: {@code docker})
   * @param tagAsDirty tag {@code <version>-dirty} and {@code latest-dirty} ({@code build dev})
   * @param noCache build without the build cache
   */
  public List<String> push(String output, boolean tagAsDirty, boolean noCache) {
    return target().push(output, tagAsDirty, noCache);
  }

  /** The {@code docker buildx build} every buildx builder runs ({@code Kamal::Commands::Builder::Base#push}). */
  List<String> buildxPush(String builderName, String output, boolean tagAsDirty, boolean noCache) {
    return words(List.of("docker", "buildx", "build", "--output=type=" + output),
        platformOptions(arches()),
        dockerDriver() ? List.of() : List.of("--builder", builderName),
        tagOptions(tagAsDirty),
        buildOptions(),
        noCache ? List.of("--no-cache") : List.of(),
        List.of(context(), "2>&1"));
  }

  /** Cache, label, build args, secrets, dockerfile, target, ssh, provenance and sbom options, in Kamal's order. */
  public List<String> buildOptions() {
    List<String> options = new ArrayList<>();
    String cacheTo = cacheTo();
    String cacheFrom = cacheFrom();
    if (cacheTo != null && cacheFrom != null) {
      options.addAll(List.of("--cache-to", cacheTo, "--cache-from", cacheFrom));
    }
    options.addAll(List.of("--label", "service=" + Shell.kamalEscape(service)));
    options.addAll(argumentize("--build-arg", builder.args()));
    builder.secrets().forEach(secret -> options.addAll(List.of("--secret", "id=" + Shell.kamalEscape(secret))));
    options.addAll(List.of("--file", builder.dockerfile()));
    if (present(builder.target())) {
      options.addAll(List.of("--target", builder.target()));
    }
    Object ssh = builder.extra().get("ssh");
    if (ssh != null && present(String.valueOf(ssh))) {
      options.addAll(List.of("--ssh", String.valueOf(ssh)));
    }
    for (String key : List.of("provenance", "sbom")) {
      Object value = builder.extra().get(key);
      if (value != null) {
        options.addAll(List.of("--" + key, String.valueOf(value)));
      }
    }
    return options;
  }

  /** The build context ({@code builder.context}, {@code .} by default: the clone or the project). */
  public String context() {
    return builder.context() == null ? "." : builder.context();
  }

  /** {@code --cache-from}'s value, or {@code null} without {@code builder.cache}. */
  public String cacheFrom() {
    return cacheOptions().from();
  }

  /** {@code --cache-to}'s value, or {@code null} without {@code builder.cache}. */
  public String cacheTo() {
    return cacheOptions().to();
  }

  private BuildCacheOptions cacheOptions() {
    return new BuildCacheOptions(builder.cache(), image, registryServer);
  }

  public String absoluteImage() {
    return repository + ":" + version;
  }

  public String latestImage() {
    return repository + ":" + (destination == null ? "latest" : "latest-" + destination);
  }

  List<String> tagOptions(boolean tagAsDirty) {
    List<String> options = new ArrayList<>();
    for (String tag : List.of(absoluteImage(), latestImage())) {
      options.addAll(List.of("-t", tagAsDirty ? tag + "-dirty" : tag));
    }
    return options;
  }

  /** A local registry is reached from the builder on the host's network ({@code network=host}). */
  List<String> driverOptions() {
    return localRegistry ? List.of("--driver-opt", "network=host") : List.of();
  }

  static List<String> platformOptions(List<String> arches) {
    return arches.isEmpty() ? List.of()
        : List.of("--platform", String.join(",", arches.stream().map(arch -> "linux/" + arch).toList()));
  }

  /** The command as one line: what {@code sh -c} runs and what Kamal prints. */
  public static String line(List<String> words) {
    return String.join(" ", words);
  }

  @Override
  public String toString() {
    return "BuilderCommands[" + name() + ", " + absoluteImage() + ", secrets=" + secretValues.keySet() + "]";
  }
}

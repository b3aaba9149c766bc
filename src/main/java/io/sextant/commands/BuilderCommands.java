package io.sextant.commands;

import io.sextant.config.BuilderConfig;
import io.sextant.config.DeployConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The local command lines of Kamal's builders (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/builder.rb
 * and {@code builder/*.rb}): {@code docker buildx} with a local, remote, hybrid or cloud builder, or {@code pack}.
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

  /** The buildx builder's name (for {@code pack}: none). */
  public String builderName() {
    return switch (kind()) {
      case LOCAL -> localRegistry ? "kamal-local-registry-" + driver() : "kamal-local-" + driver();
      case REMOTE -> "kamal-remote-" + remoteSuffix();
      case HYBRID -> "kamal-hybrid-" + driver() + "-" + remoteSuffix();
      case CLOUD -> driver().replaceAll("[ /]", "-");
      case PACK -> null;
    };
  }

  private String remoteSuffix() {
    return remote().replaceAll("[^a-z0-9_-]", "-") + (localRegistry ? "-local-registry" : "");
  }

  private String remoteContextName() {
    return builderName() + "-context";
  }

  /** Remote and hybrid builders push with the remote BuildKit asking this machine for no registry token. */
  public Map<String, String> pushEnv() {
    return kind() == Kind.REMOTE || kind() == Kind.HYBRID ? Map.of("BUILDKIT_NO_CLIENT_TOKEN", "1") : Map.of();
  }

  /** Remote and hybrid builders push from the remote BuildKit: no {@code docker login} here. */
  public boolean loginToRegistryLocally() {
    return kind() != Kind.REMOTE && kind() != Kind.HYBRID;
  }

  // ---- commands ----

  /** {@code docker --version && docker buildx version} (Kamal's {@code ensure_docker_installed}). */
  public static List<String> ensureDockerInstalled() {
    return List.of("docker", "--version", "&&", "docker", "buildx", "version");
  }

  /** Creates the builder; empty when there is nothing to create (the {@code docker} driver, {@code pack}). */
  public List<String> create() {
    return switch (kind()) {
      case LOCAL -> dockerDriver() ? List.of()
          : words(List.of("docker", "buildx", "create", "--name", builderName(), "--driver=" + driver()), driverOptions());
      case REMOTE -> chain(createRemoteContext(),
          words(List.of("docker", "buildx", "create", "--name", builderName()), driverOptions(), List.of(remoteContextName())));
      case HYBRID -> combine("&&",
          words(List.of("docker", "buildx", "create"), platformOptions(localArches()),
              List.of("--name", builderName(), "--driver=" + driver()), driverOptions()),
          createRemoteContext(),
          words(List.of("docker", "buildx", "create"), platformOptions(remoteArches()),
              List.of("--append", "--name", builderName()), driverOptions(), List.of(remoteContextName())));
      case CLOUD -> List.of("docker", "buildx", "create", "--driver", driver());
      case PACK -> List.of();
    };
  }

  /** Removes the builder; empty when there is nothing to remove. */
  public List<String> remove() {
    return switch (kind()) {
      case LOCAL -> dockerDriver() ? List.of() : List.of("docker", "buildx", "rm", builderName());
      case REMOTE, HYBRID -> chain(List.of("docker", "context", "rm", remoteContextName()),
          List.of("docker", "buildx", "rm", builderName()));
      case CLOUD -> List.of("docker", "buildx", "rm", builderName());
      case PACK -> List.of();
    };
  }

  /** {@code build details}: the contexts and builders (for {@code pack}: the pack builder). */
  public List<String> info() {
    List<String> contexts = List.of("docker", "context", "ls");
    List<String> builders = List.of("docker", "buildx", "ls");
    return switch (kind()) {
      case REMOTE, HYBRID -> chain(contexts, builders);
      case PACK -> packInfo();
      default -> combine("&&", contexts, builders);
    };
  }

  /** Fails when the builder is missing or not the configured one; empty when there is nothing to check. */
  public List<String> inspectBuilder() {
    return switch (kind()) {
      case LOCAL -> dockerDriver() ? List.of() : List.of("docker", "buildx", "inspect", builderName());
      case CLOUD -> List.of("docker", "buildx", "inspect", builderName());
      case PACK -> packInfo();
      case REMOTE, HYBRID -> combine("||",
          combine("&&",
              pipe(List.of("docker", "buildx", "inspect", builderName()),
                  List.of("grep", "-q", "Endpoint:.*" + remoteContextName())),
              pipe(List.of("docker", "context", "inspect", remoteContextName(), "--format",
                  "'{{.Endpoints.docker.Host}}'"), List.of("grep", "-xq", remote()))),
          List.of("(echo no compatible builder && exit 1)"));
    };
  }

  /**
   * Builds the image and exports it ({@code registry} pushes both tags).
   *
   * @param output buildx's {@code --output} type ({@code registry}; {@code build dev}: {@code docker})
   * @param tagAsDirty tag {@code <version>-dirty} and {@code latest-dirty} ({@code build dev})
   * @param noCache build without the build cache
   */
  public List<String> push(String output, boolean tagAsDirty, boolean noCache) {
    if (kind() == Kind.PACK) {
      return packPush(output, tagAsDirty, noCache);
    }
    return words(List.of("docker", "buildx", "build", "--output=type=" + output),
        platformOptions(arches()),
        dockerDriver() ? List.of() : List.of("--builder", builderName()),
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
    String type = builder.cache().get("type");
    if (builder.cache().isEmpty() || type == null) {
      return null;
    }
    return switch (type) {
      case "gha" -> String.join(",", concat(List.of("type=gha"), cacheOptions() == null ? List.of()
          : Arrays.stream(cacheOptions().split(",")).filter(o -> o.matches("^(url|url_v2|token|scope|timeout)=.*")).toList()));
      case "registry" -> "type=registry,ref=" + cacheImageRef();
      default -> null;
    };
  }

  /** {@code --cache-to}'s value, or {@code null} without {@code builder.cache}. */
  public String cacheTo() {
    String type = builder.cache().get("type");
    if (builder.cache().isEmpty() || type == null) {
      return null;
    }
    String options = cacheOptions() == null ? "" : "," + cacheOptions();
    return switch (type) {
      case "gha" -> "type=gha" + options;
      case "registry" -> "type=registry,ref=" + cacheImageRef() + options;
      default -> null;
    };
  }

  private String cacheOptions() {
    return builder.cache().get("options");
  }

  private String cacheImageRef() {
    String cacheImage = builder.cache().get("image");
    cacheImage = cacheImage == null ? image + "-build-cache" : cacheImage;
    return registryServer == null ? cacheImage : registryServer + "/" + cacheImage;
  }

  public String absoluteImage() {
    return repository + ":" + version;
  }

  public String latestImage() {
    return repository + ":" + (destination == null ? "latest" : "latest-" + destination);
  }

  private List<String> tagOptions(boolean tagAsDirty) {
    List<String> options = new ArrayList<>();
    for (String tag : List.of(absoluteImage(), latestImage())) {
      options.addAll(List.of("-t", tagAsDirty ? tag + "-dirty" : tag));
    }
    return options;
  }

  private List<String> driverOptions() {
    return localRegistry ? List.of("--driver-opt", "network=host") : List.of();
  }

  private static List<String> platformOptions(List<String> arches) {
    return arches.isEmpty() ? List.of()
        : List.of("--platform", String.join(",", arches.stream().map(arch -> "linux/" + arch).toList()));
  }

  private List<String> createRemoteContext() {
    return List.of("docker", "context", "create", remoteContextName(), "--description",
        "'" + builderName() + " host'", "--docker", "'host=" + remote() + "'");
  }

  // ---- pack (Kamal::Commands::Builder::Pack) ----

  private String packBuilder() {
    return String.valueOf(packSetting("builder"));
  }

  private Object packSetting(String key) {
    return builder.extra().get("pack") instanceof Map<?, ?> pack ? pack.get(key) : null;
  }

  private List<String> packInfo() {
    return List.of("pack", "builder", "inspect", packBuilder());
  }

  private List<String> packPush(String output, boolean tagAsDirty, boolean noCache) {
    List<String> buildpacks = new ArrayList<>();
    if (packSetting("buildpacks") instanceof List<?> list) {
      list.forEach(buildpack -> buildpacks.addAll(List.of("--buildpack", String.valueOf(buildpack))));
    }
    buildpacks.addAll(List.of("--buildpack", "paketo-buildpacks/image-labels"));
    String platform = "linux/" + (localArches().isEmpty() ? "" : localArches().get(0));
    List<String> build = words(
        List.of("pack", "build", repository, "--platform", platform, "--creation-time", "now",
            "--builder", packBuilder()),
        buildpacks,
        tagOptions(tagAsDirty),
        noCache ? List.of("--clear-cache") : List.of(),
        List.of("--env", "BP_IMAGE_LABELS=service=" + service),
        argumentize("--env", builder.args()),
        argumentize("--env", orderedSecrets()),
        List.of("--path", context()));
    if (!output.equals("registry")) {
      return build;
    }
    return combine("&&", build, List.of("docker", "push", absoluteImage()), List.of("docker", "push", latestImage()));
  }

  /** {@code builder.secrets} in their configured order, with their values (missing ones empty). */
  private Map<String, String> orderedSecrets() {
    Map<String, String> ordered = new LinkedHashMap<>();
    builder.secrets().forEach(name -> ordered.put(name, secretValues.getOrDefault(name, "")));
    return ordered;
  }

  // ---- Kamal's word helpers (Kamal::Commands::Base, Kamal::Utils.argumentize) ----

  private static List<String> argumentize(String option, Map<String, String> values) {
    List<String> words = new ArrayList<>();
    values.forEach((key, value) -> {
      if ("false".equals(value)) {
        words.addAll(List.of(option, key + "=false"));
      } else {
        words.addAll(List.of(option, present(value) ? key + "=" + Shell.kamalEscape(value) : key));
      }
    });
    return words;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  @SafeVarargs
  private static List<String> words(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> part : parts) {
      all.addAll(part);
    }
    return all;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return words(first, second);
  }

  @SafeVarargs
  private static List<String> combine(String by, List<String>... commands) {
    List<String> all = new ArrayList<>();
    for (List<String> command : commands) {
      if (command.isEmpty()) {
        continue;
      }
      if (!all.isEmpty()) {
        all.add(by);
      }
      all.addAll(command);
    }
    return all;
  }

  private static List<String> chain(List<String> first, List<String> second) {
    return combine(";", first, second);
  }

  private static List<String> pipe(List<String> first, List<String> second) {
    return combine("|", first, second);
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

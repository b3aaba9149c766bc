package io.sextant.config;

import java.util.List;
import java.util.Map;

/**
 * {@code builder:}. {@code context == null} means Kamal's git-clone build (and no {@code _uncommitted_} version
 * suffix); {@code local} defaults to true. {@code cache} and the less common keys ({@code driver}, {@code ssh},
 * {@code provenance}, {@code sbom}, {@code pack}) are kept raw in {@link #cache()} and {@link #extra()}.
 */
public record BuilderConfig(
    List<String> arch,
    String context,
    String dockerfile,
    String target,
    Map<String, String> args,
    List<String> secrets,
    String remote,
    boolean local,
    Map<String, String> cache,
    Map<String, Object> extra) {

  public static final BuilderConfig DEFAULT =
      new BuilderConfig(List.of(), null, "Dockerfile", null, Map.of(), List.of(), null, true, Map.of(), Map.of());

  public BuilderConfig {
    arch = List.copyOf(arch);
    args = Ordered.copy(args);
    secrets = List.copyOf(secrets);
    cache = Ordered.copy(cache);
    extra = Ordered.copy(extra);
  }

  /** Kamal's {@code git_clone?}: no custom context, so the build uses a clean clone of HEAD. */
  public boolean gitClone() {
    return context == null;
  }
}

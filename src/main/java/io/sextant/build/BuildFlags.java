package io.sextant.build;

/**
 * The command-line choices of a build: buildx's {@code --output} type and {@code --no-cache}.
 *
 * @param output the export type ({@code registry} pushes; {@code build dev} defaults to {@code docker})
 * @param noCache build without the build cache
 */
public record BuildFlags(String output, boolean noCache) {
  /** {@code build push}, {@code deploy}: push to the registry, with the cache. */
  public static final BuildFlags DEFAULT = new BuildFlags("registry", false);

  public BuildFlags {
    output = output == null || output.isBlank() ? "registry" : output;
  }
}

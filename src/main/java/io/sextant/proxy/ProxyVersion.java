package io.sextant.proxy;

import io.sextant.SextantException;
import io.sextant.config.GemVersion;

/** Compares kamal-proxy versions as Kamal does ({@code Gem::Version} of the tag without its leading {@code v}). */
final class ProxyVersion {
  private ProxyVersion() {}

  /**
   * Whether {@code version} is older than {@code minimum}.
   *
   * @throws SextantException when {@code version} is not a version number (Kamal fails the same way)
   */
  static boolean older(String version, String minimum) {
    return GemVersion.compare(bare(version), bare(minimum)) < 0;
  }

  private static String bare(String version) {
    String bare = version.startsWith("v") ? version.substring(1) : version;
    if (!bare.matches("[0-9]+(\\.[0-9A-Za-z]+)*")) {
      throw new SextantException("Malformed kamal-proxy version number string " + version,
          SextantException.COMMAND_FAILED);
    }
    return bare;
  }
}

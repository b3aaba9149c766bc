package io.sextant.cli;

import io.sextant.build.BuildFlags;
import picocli.CommandLine.Option;

/** {@code --no-cache} of every command that builds ({@code deploy}, {@code redeploy}, {@code setup}, {@code build …}). */
final class NoCacheOption {
  @Option(names = {"--no-cache", "--no_cache"}, description = "Build without Docker's build cache.")
  boolean noCache;

  /** The flags of a build that exports {@code output}. */
  BuildFlags flags(String output) {
    return new BuildFlags(output, noCache);
  }
}

package io.sextant.commands;

import java.nio.file.Path;
import java.util.List;

/**
 * Asks Docker which files of the working directory a build would send, {@code .dockerignore} applied, for
 * {@code build dev}'s warnings about uncommitted files. Kamal builds a busybox image that lists them
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/docker.rb#L8-L29); Sextant asks the same question of the
 * same builder without an image to pull: an empty image with the context copied in, exported to a local directory.
 */
public final class ContextFilesCommands {
  /** The Dockerfile of the export: nothing but the build context. */
  public static final String DOCKERFILE = "FROM scratch\nCOPY . /\n";

  private ContextFilesCommands() {}

  /** Exports the context of {@code .} through {@code dockerfile} (holding {@link #DOCKERFILE}) into {@code into}. */
  public static List<String> exportContext(Path dockerfile, Path into) {
    return List.of("docker", "buildx", "build", "--output=type=local,dest=" + into, "--file=" + dockerfile, ".");
  }
}

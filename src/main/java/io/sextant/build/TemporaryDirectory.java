package io.sextant.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ruby's {@code Dir.tmpdir}, where Kamal keeps its build clones: the first of {@code $TMPDIR}, {@code $TMP},
 * {@code $TEMP} and {@code /tmp} that is a writable directory and not world-writable without the sticky bit. Java's
 * {@code java.io.tmpdir} ignores {@code $TMPDIR}, so it cannot be used: the clone would not be Kamal's.
 */
public final class TemporaryDirectory {
  private static final List<String> VARIABLES = List.of("TMPDIR", "TMP", "TEMP");
  // The sticky bit is not among Java's PosixFilePermissions; the unix:mode attribute has it.
  private static final int STICKY = 01000;

  private TemporaryDirectory() {}

  /** The temporary directory for {@code environment} (Sextant's own, in production). */
  public static Path of(Map<String, String> environment) {
    for (String variable : VARIABLES) {
      String value = environment.get(variable);
      if (value != null && !value.isEmpty()) {
        Optional<Path> usable = usable(Path.of(value).toAbsolutePath().normalize());
        if (usable.isPresent()) {
          return usable.get();
        }
      }
    }
    return usable(Path.of("/tmp")).orElseThrow(() -> new BuildException(
        "No usable temporary directory for the build clone: set TMPDIR to a writable directory"));
  }

  private static Optional<Path> usable(Path directory) {
    if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
      return Optional.empty();
    }
    try {
      PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class);
      boolean worldWritable = attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
      if (worldWritable && !sticky(directory)) {
        return Optional.empty();
      }
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of(directory);
    }
    return Optional.of(directory);
  }

  private static boolean sticky(Path directory) {
    try {
      Object mode = Files.getAttribute(directory, "unix:mode");
      return mode instanceof Integer bits && (bits & STICKY) != 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return true;
    }
  }
}

package io.sextant.config;

/**
 * One entry of an accessory's {@code files} or {@code directories}: {@code LOCAL:REMOTE[:OPTIONS]}, or the hash
 * form with {@code local}, {@code remote}, {@code mode}, {@code owner}, {@code options}.
 *
 * @param local the local file (files) or host directory (directories), as written
 * @param remote the path inside the container
 * @param options volume mount options ({@code ro,z}), or null
 * @param mode the mode set on the host ({@code 755} by default for files, none for directories), or null
 * @param owner the owner set on the host ({@code mysql:mysql}), or null
 */
public record AccessoryPath(String local, String remote, String options, String mode, String owner) {
  /** Kamal's default mode of an uploaded file. */
  public static final String DEFAULT_FILE_MODE = "755";

  /** Kamal's {@code parse_path_config}: a string is split at the first two colons. */
  static AccessoryPath parse(Object entry, String defaultMode) {
    if (entry instanceof java.util.Map<?, ?> map) {
      return new AccessoryPath(text(map.get("local")), text(map.get("remote")), text(map.get("options")),
          map.get("mode") == null ? defaultMode : text(map.get("mode")), text(map.get("owner")));
    }
    String[] parts = Scalars.toS(entry).split(":", 3);
    return new AccessoryPath(parts[0], parts.length > 1 ? parts[1] : null, parts.length > 2 ? parts[2] : null,
        defaultMode, null);
  }

  /** Ruby's {@code Pathname#absolute?}. */
  public static boolean isAbsolute(String path) {
    return path.startsWith("/");
  }

  private static String text(Object value) {
    return value == null ? null : Scalars.toS(value);
  }
}

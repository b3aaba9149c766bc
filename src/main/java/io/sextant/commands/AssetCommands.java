package io.sextant.commands;

import io.sextant.config.DeployConfig;
import io.sextant.config.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Remote command lines of asset bridging for one role behind kamal-proxy (Kamal's {@code Commands::App::Assets}):
 * the files under {@code asset_path} are copied out of the new image into a directory per version, merged with the
 * previous version's into a directory per version that the new container mounts over {@code asset_path}, and the
 * directories of older versions are removed once the previous container stopped. So a page served by either
 * version finds the fingerprinted files it links to while traffic moves between them. Pure; quoting goes through
 * {@link Shell}.
 *
 * @param app the role's app commands, about the version being booted
 * @param assetPath the directory inside the image holding the assets
 * @param mountOptions the options after the second {@code :} of {@code asset_path} (e.g. {@code ro}), or null
 */
public record AssetCommands(AppCommands app, String assetPath, String mountOptions) {
  public AssetCommands {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(assetPath, "assetPath");
    mountOptions = mountOptions == null || mountOptions.isBlank() ? null : mountOptions;
  }

  /**
   * The commands for {@code role}, booting {@code version}; empty when the role bridges no assets: as in Kamal
   * ({@code Configuration::Role#assets?}), only a role behind kamal-proxy with a non-blank {@code asset_path} (its
   * own, else the root one) does. {@code asset_path} may end in {@code :OPTIONS}, the mount options of the volume.
   */
  public static Optional<AssetCommands> of(DeployConfig config, Role role, String version) {
    return pathAndOptions(config, role).map(parts ->
        new AssetCommands(AppCommands.of(config, role, version), parts[0], parts.length > 1 ? parts[1] : null));
  }

  /** Whether {@code role} bridges assets (see {@link #of}). */
  public static boolean bridges(DeployConfig config, Role role) {
    return pathAndOptions(config, role).isPresent();
  }

  private static Optional<String[]> pathAndOptions(DeployConfig config, Role role) {
    String raw = role.assetPath() != null ? role.assetPath() : config.assetPath();
    if (raw == null || raw.isBlank() || !config.runsProxy(role)) {
      return Optional.empty();
    }
    String[] parts = raw.split(":", 2);
    return parts[0].isBlank() ? Optional.empty() : Optional.of(parts);
  }

  /** {@code .kamal/apps/<service>[-<destination>]/assets}. */
  public String assetsDirectory() {
    return app.appDirectory() + "/assets";
  }

  /** Where the assets of {@code version}'s image are copied: {@code <assets>/extracted/<role>-<version>}. */
  public String extractedDirectory(String version) {
    return assetsDirectory() + "/extracted/" + app.role() + "-" + version;
  }

  /** What the container of {@code version} mounts over the asset path: {@code <assets>/volumes/<role>-<version>}. */
  public String volumeDirectory(String version) {
    return assetsDirectory() + "/volumes/" + app.role() + "-" + version;
  }

  /**
   * The value of the new container's {@code --volume}: the volume directory, absolute through the remote shell's
   * {@code $PWD} (the SSH user's home), mounted over the asset path, with the mount options if any.
   */
  public String volume() {
    String mount = volumeDirectory(app.version()) + ":" + assetPath + (mountOptions == null ? "" : ":" + mountOptions);
    return "\"$PWD\"/" + Shell.quote(mount);
  }

  /**
   * Copies the asset path of the new image (symbolic links followed) into its extracted directory, through a
   * created, never started, container named {@code <service>-<role>[-<destination>]-assets} (a leftover of that
   * name is removed first).
   */
  public String extract() {
    String container = app.containerPrefix() + "-assets";
    String extracted = extractedDirectory(app.version());
    return String.join(" && ",
        Shell.join(List.of("mkdir", "-p", extracted)),
        Shell.join(List.of("docker", "container", "rm", container)) + " 2> /dev/null || true",
        Shell.join(List.of("docker", "container", "create", "--name", container, app.image())),
        Shell.join(List.of("docker", "container", "cp", "-L", container + ":" + assetPath + "/.", extracted)),
        Shell.join(List.of("docker", "container", "rm", container)));
  }

  /**
   * Fills the new version's volume directory with its own assets and, when a previous version runs, gives each
   * version the other's files (never overwriting one): the new files into the old volume, so pages the new
   * container serves during the switch load through the old one too, and the old files into the new volume.
   * Steps are chained with {@code ;}, as Kamal's, so the exit status is the last copy's.
   *
   * @param oldVersion the version running now, or null/empty when none runs
   */
  public String syncVolumes(String oldVersion) {
    String newExtracted = extractedDirectory(app.version());
    String newVolume = volumeDirectory(app.version());
    List<String> steps = new ArrayList<>(List.of(
        Shell.join(List.of("mkdir", "-p", newVolume)), copyContents(newExtracted, newVolume, false)));
    if (oldVersion != null && !oldVersion.isBlank()) {
      steps.add(copyContents(newExtracted, volumeDirectory(oldVersion), true));
      steps.add(copyContents(extractedDirectory(oldVersion), newVolume, true));
    }
    return String.join(" ; ", steps);
  }

  /**
   * Removes the role's extracted and volume directories of every version but the booted one (run once the
   * previous container stopped). Like Kamal's, it matches directories by {@code <role>-*}.
   */
  public String cleanUp() {
    return removeOlderSiblings(assetsDirectory() + "/extracted") + " ; "
        + removeOlderSiblings(assetsDirectory() + "/volumes");
  }

  private String removeOlderSiblings(String parent) {
    return Shell.join(List.of("find", parent, "-maxdepth", "1", "-name", app.role() + "-*", "!", "-name",
        app.role() + "-" + app.version(), "-exec", "rm", "-rf", "{}")) + " +";
  }

  /** {@code cp -rnT}: the directory's contents, recursively, skipping files already there. */
  private static String copyContents(String source, String destination, boolean continueOnError) {
    return Shell.join(List.of("cp", "-rnT", source, destination)) + (continueOnError ? " || true" : "");
  }
}

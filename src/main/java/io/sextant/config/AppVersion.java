package io.sextant.config;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The app version Kamal deploys (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration.rb#L97-L99):
 * {@code --version}, else {@code $VERSION}, else {@code git rev-parse HEAD}, with {@code _uncommitted_<16 hex>}
 * appended when the working tree is dirty and the build uses a custom {@code builder.context} (a git-clone build
 * ignores uncommitted changes, so its version needs no suffix). Sextant's own files ({@link OwnFiles}) do not make
 * the tree dirty (B7): otherwise a command that runs a hook would give the next command a version never built.
 */
public final class AppVersion {
  private AppVersion() {}

  /** Resolves the version; runs git only when neither an override nor {@code $VERSION} is given. */
  public static String resolve(Path workingDir, String override, Map<String, String> environment,
      boolean customBuildContext) {
    if (override != null && !override.isEmpty()) {
      return override;
    }
    String fromEnv = environment.get("VERSION");
    if (fromEnv != null) {
      return fromEnv;
    }
    return gitVersion(workingDir, environment, customBuildContext);
  }

  static String gitVersion(Path workingDir, Map<String, String> environment, boolean customBuildContext) {
    Git head = git(workingDir, environment, "rev-parse", "HEAD");
    if (head.status != 0 || head.output.isBlank()) {
      throw new ConfigurationException("Can't use commit hash as version, no git repository found in "
          + workingDir.toAbsolutePath().normalize() + " (pass --version or set VERSION)");
    }
    String revision = head.output.strip();
    if (customBuildContext) {
      Git status = git(workingDir, environment, statusIgnoringOwnFiles());
      if (status.status == 0 && !status.output.isBlank()) {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        return revision + "_uncommitted_" + HexFormat.of().formatHex(random);
      }
    }
    return revision;
  }

  /**
   * Kamal's {@code git status --porcelain}, with an exclude pathspec per file of Sextant's (relative to the working
   * directory, like the files; with only exclusions git still looks at the whole repository, as Kamal does).
   */
  private static String[] statusIgnoringOwnFiles() {
    List<String> args = new ArrayList<>(List.of("status", "--porcelain", "--"));
    for (String file : OwnFiles.IN_WORK_TREE) {
      args.add(":(exclude,literal)" + file);
    }
    return args.toArray(String[]::new);
  }

  /**
   * {@code KAMAL_SERVICE_VERSION}: {@code <service>@<abbreviation>}, where the abbreviation is the first 7
   * characters of the version, or the whole version when it contains {@code _}.
   */
  public static String serviceVersion(String service, String version) {
    return service + "@" + abbreviate(version);
  }

  /** Kamal's {@code abbreviated_version}. */
  public static String abbreviate(String version) {
    if (version == null) {
      return null;
    }
    if (version.contains("_")) {
      return version;
    }
    return version.length() > 7 ? version.substring(0, 7) : version;
  }

  private record Git(int status, String output) {}

  private static Git git(Path workingDir, Map<String, String> environment, String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workingDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().clear();
    builder.environment().putAll(environment);
    try {
      CapturedProcess git = CapturedProcess.run(builder);
      return new Git(git.status(), git.output());
    } catch (IOException e) {
      return new Git(127, "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Git(130, "");
    }
  }
}

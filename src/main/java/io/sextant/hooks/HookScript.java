package io.sextant.hooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One file found for a hook point (B2): {@code <hooks_path>/<hook>} first, then each entry of
 * {@code <hooks_path>/<hook>.d/} in name order. Each is runnable, skipped (with the reason shown by
 * {@code hooks list}) or invalid (a problem the user must fix, D3).
 *
 * @param path the file
 * @param label how messages name it: {@code pre-deploy} or {@code pre-deploy.d/10-migrate}
 * @param state runnable, skipped or invalid
 * @param reason why it is skipped or invalid (with the fix), else {@code null}
 */
public record HookScript(Path path, String label, State state, String reason) {
  /** What the runner does with a file. */
  public enum State { RUNNABLE, SKIPPED, INVALID }

  public boolean runnable() {
    return state == State.RUNNABLE;
  }

  /** Every file of this hook point, in run order; empty when neither the file nor the folder exists. */
  public static List<HookScript> find(Path hooksPath, HookPoint hook) {
    return find(hooksPath, hook, null);
  }

  /** As {@link #find(Path, HookPoint)}, naming paths in messages relative to {@code base} when under it. */
  public static List<HookScript> find(Path hooksPath, HookPoint hook, Path base) {
    List<HookScript> scripts = new ArrayList<>();
    Path main = hooksPath.resolve(hook.hookName());
    if (Files.isDirectory(main)) {
      String folder = shown(hooksPath.resolve(hook.hookName() + ".d"), base);
      scripts.add(new HookScript(main, hook.hookName(), State.INVALID, shown(main, base)
          + " is a directory, not an executable file: remove it, or put several scripts in " + folder + "/"));
    } else if (Files.exists(main)) {
      scripts.add(Files.isExecutable(main)
          ? new HookScript(main, hook.hookName(), State.RUNNABLE, null)
          : new HookScript(main, hook.hookName(), State.INVALID,
              shown(main, base) + " is not executable: run chmod +x " + shown(main, base)));
    }
    Path folder = hooksPath.resolve(hook.hookName() + ".d");
    if (Files.isDirectory(folder)) {
      try (Stream<Path> entries = Files.list(folder)) {
        entries.sorted().forEach(entry -> scripts.add(folderEntry(hook, entry, base)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
      }
    }
    return scripts;
  }

  private static HookScript folderEntry(HookPoint hook, Path entry, Path base) {
    String name = entry.getFileName().toString();
    String label = hook.hookName() + ".d/" + name;
    if (name.endsWith(".sample")) {
      return new HookScript(entry, label, State.SKIPPED, "sample file");
    }
    if (name.startsWith(".")) {
      return new HookScript(entry, label, State.SKIPPED, "hidden file");
    }
    if (Files.isDirectory(entry)) {
      return new HookScript(entry, label, State.SKIPPED, "directory");
    }
    if (!Files.isRegularFile(entry)) {
      return new HookScript(entry, label, State.SKIPPED, "not a regular file (dangling link?)");
    }
    if (!Files.isExecutable(entry)) {
      return new HookScript(entry, label, State.SKIPPED,
          "not executable (chmod +x " + shown(entry, base) + " to enable it)");
    }
    return new HookScript(entry, label, State.RUNNABLE, null);
  }

  /** The path relative to {@code base} when it lies under it (as users type it), else as is. */
  public static String shown(Path path, Path base) {
    if (base != null && path.isAbsolute() && path.startsWith(base.toAbsolutePath())) {
      return base.toAbsolutePath().relativize(path).toString();
    }
    return path.toString();
  }
}

package io.sextant.commands;

import io.sextant.config.OwnFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * The local git questions a build asks, as Kamal's {@code Kamal::Git} asks them
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/git.rb), run in the working directory as argv lists
 * (no shell). Sextant's own files ({@link OwnFiles}) are left out of the answers about uncommitted files (B7): they
 * are Sextant's records, not the app's source, and Kamal would never see them.
 */
public final class GitCommands {
  private GitCommands() {}

  /** {@code git rev-parse --show-toplevel}. */
  public static List<String> root() {
    return List.of("git", "rev-parse", "--show-toplevel");
  }

  /** {@code git rev-parse HEAD}: the revision a clone is reset to. */
  public static List<String> revision() {
    return List.of("git", "rev-parse", "HEAD");
  }

  /** {@code git status --porcelain}: the uncommitted changes a build warns about. */
  public static List<String> uncommittedChanges() {
    return withoutOwnFiles("status", "--porcelain");
  }

  /** {@code git ls-files --modified}: tracked files with uncommitted changes, relative to the working directory. */
  public static List<String> uncommittedFiles() {
    return withoutOwnFiles("ls-files", "--modified");
  }

  /** {@code git ls-files --others}: untracked files, ignored ones included, relative to the working directory. */
  public static List<String> untrackedFiles() {
    return withoutOwnFiles("ls-files", "--others");
  }

  private static List<String> withoutOwnFiles(String... args) {
    List<String> argv = new ArrayList<>(List.of("git"));
    argv.addAll(List.of(args));
    argv.add("--");
    OwnFiles.IN_WORK_TREE.forEach(file -> argv.add(":(exclude,literal)" + file));
    return List.copyOf(argv);
  }
}

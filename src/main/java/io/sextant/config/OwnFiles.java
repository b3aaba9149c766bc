package io.sextant.config;

import java.util.List;

/**
 * The files Sextant itself writes inside the project's work tree (B7), relative to the working directory. They are
 * Sextant's records, not the app's source: they never count as uncommitted changes when the version is computed
 * ({@link AppVersion}), and {@code sextant init} adds them to an existing {@code .gitignore}.
 */
public final class OwnFiles {
  /** The local hook audit log: one JSON line per hook script run or skipped. */
  public static final String HOOKS_LOG = ".kamal/hooks.log";

  /** Every file of Sextant's in the work tree. */
  public static final List<String> IN_WORK_TREE = List.of(HOOKS_LOG);

  private OwnFiles() {}
}

package io.sextant.hooks;

import java.nio.file.Path;

/** Who runs the command ({@code KAMAL_PERFORMER}): git's {@code user.email} if set, else the OS user (C2). */
public final class Performer {
  private Performer() {}

  /** Resolves the performer (one git process); call it once per process and pass the result in {@link HookContext}. */
  public static String resolve(Path workingDirectory) {
    return GitUser.of(workingDirectory).performer();
  }
}

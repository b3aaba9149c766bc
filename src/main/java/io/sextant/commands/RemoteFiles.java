package io.sextant.commands;

import java.util.regex.Pattern;

/** Remote shell commands that write files (pure builders; values quoted by {@link Shell}). */
public final class RemoteFiles {
  private static final Pattern MODE = Pattern.compile("[0-7]{3,4}");

  private RemoteFiles() {}

  /**
   * Writes the command's stdin to {@code path} with permissions {@code mode} (octal, e.g. {@code 600}). The file is
   * written under umask 077 to a temporary name and renamed, so it is never readable by others nor half-written.
   */
  public static String writeStdinTo(String path, String mode) {
    if (!MODE.matcher(mode).matches()) {
      throw new IllegalArgumentException("file mode must be octal digits, got '" + mode + "'");
    }
    String tmp = path + ".sextant-tmp";
    return "umask 077 && cat > " + Shell.quote(tmp) + " && chmod " + mode + " " + Shell.quote(tmp)
        + " && mv " + Shell.quote(tmp) + " " + Shell.quote(path);
  }
}

package io.sextant.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Who runs the command ({@code KAMAL_PERFORMER}): git's {@code user.email} if set, else the OS user (C2). */
public final class Performer {
  private Performer() {}

  /** Resolves the performer once; call it once per process and pass the result in {@link HookContext}. */
  public static String resolve(Path workingDirectory) {
    String email = gitUserEmail(workingDirectory);
    return email.isBlank() ? System.getProperty("user.name", "unknown") : email;
  }

  /** {@code git config user.email}, stripped; empty when git is missing, fails or the key is unset. */
  static String gitUserEmail(Path workingDirectory) {
    try {
      Process git = new ProcessBuilder("git", "config", "user.email")
          .directory(workingDirectory.toFile())
          .redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      byte[] out;
      try (InputStream in = git.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!git.waitFor(10, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return "";
      }
      return git.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).strip() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}

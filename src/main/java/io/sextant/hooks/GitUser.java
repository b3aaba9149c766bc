package io.sextant.hooks;

import java.io.IOException;
import io.sextant.invocation.Invocation;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Git's {@code user.name} and {@code user.email} for a working directory, read with ONE git process
 * ({@code git config -z --get-regexp}) instead of one per key: each spawn costs a few milliseconds of a command's
 * start-up.
 *
 * @param name {@code user.name}, stripped; empty when unset, {@code Unknown} when git cannot be started
 * @param email {@code user.email}, stripped; empty when unset or git cannot be started
 */
public record GitUser(String name, String email) {
  /** What is known without git. */
  static final GitUser NO_GIT = new GitUser("Unknown", "");

  /** Reads both keys as {@code git config user.name} / {@code user.email} would (the last value of each wins). */
  public static GitUser of(Path workingDirectory) {
    try {
      ProcessBuilder builder = new ProcessBuilder("git", "config", "-z", "--get-regexp", "^user\\.(name|email)$")
          .directory(workingDirectory.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Invocation invocation = Invocation.current();
      Process git = invocation.start(invocation.prepare(builder));
      byte[] out;
      try (InputStream in = git.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!git.waitFor(10, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return new GitUser("", "");
      }
      return git.exitValue() == 0 ? parse(new String(out, StandardCharsets.UTF_8)) : new GitUser("", "");
    } catch (IOException e) {
      return NO_GIT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return NO_GIT;
    }
  }

  /** Parses {@code git config -z --get-regexp} output: entries {@code key\nvalue\0}; the last of each key wins. */
  static GitUser parse(String output) {
    String name = "";
    String email = "";
    for (String entry : output.split("\0")) {
      int newline = entry.indexOf('\n');
      String key = newline < 0 ? entry : entry.substring(0, newline);
      String value = newline < 0 ? "" : entry.substring(newline + 1).strip();
      if (key.equals("user.name")) {
        name = value;
      } else if (key.equals("user.email")) {
        email = value;
      }
    }
    return new GitUser(name, email);
  }

  /** {@code KAMAL_PERFORMER}: the email if set, else the OS user (C2). */
  public String performer() {
    return email.isBlank() ? System.getProperty("user.name", "unknown") : email;
  }
}

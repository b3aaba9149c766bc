package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code git} in a test's repository directory and expects it to succeed. */
final class TestGit {
  private TestGit() {}

  static void git(Path repo, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    Process git = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
    git.getInputStream().readAllBytes();
    assertThat(git.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(git.exitValue()).isZero();
  }
}

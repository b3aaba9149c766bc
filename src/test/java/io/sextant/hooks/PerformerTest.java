package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformerTest {
  @TempDir Path repo;

  private void git(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    Process git = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
    git.getInputStream().readAllBytes();
    assertThat(git.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(git.exitValue()).isZero();
  }

  @Test
  void gitUserEmailOfTheWorkingDirectoryWins() throws Exception {
    git("init", "-q");
    git("config", "user.email", "  deployer@example.com  ");
    assertThat(Performer.resolve(repo)).isEqualTo("deployer@example.com");
  }

  @Test
  void alwaysNamesSomeone() {
    assertThat(Performer.resolve(repo)).isNotBlank();
  }
}

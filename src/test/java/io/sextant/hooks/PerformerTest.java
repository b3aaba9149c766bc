package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformerTest {
  @TempDir Path repo;

  private void git(String... args) throws Exception {
    TestGit.git(repo, args);
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

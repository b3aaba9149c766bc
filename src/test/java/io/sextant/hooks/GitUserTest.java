package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitUserTest {
  @TempDir Path repo;

  private void git(String... args) throws Exception {
    TestGit.git(repo, args);
  }

  @Test
  void readsNameAndEmailAsGitConfigWouldWithOneProcess() throws Exception {
    git("init", "-q");
    git("config", "user.name", " Ada  Lovelace ");
    git("config", "user.email", "ada@example.com");
    git("config", "--add", "user.email", "  last@example.com ");
    git("config", "user.nameless", "not a user key");
    assertThat(GitUser.of(repo)).isEqualTo(new GitUser("Ada  Lovelace", "last@example.com"));
    assertThat(GitUser.of(repo).performer()).isEqualTo("last@example.com");
  }

  @Test
  void includedFilesCountLikeGitConfig() throws Exception {
    git("init", "-q");
    Files.writeString(repo.resolve("extra.gitconfig"), "[user]\n\tname = From Include\n");
    git("config", "include.path", repo.resolve("extra.gitconfig").toString());
    assertThat(GitUser.of(repo).name()).isEqualTo("From Include");
  }

  @Test
  void parsesGitsNulSeparatedOutput() {
    assertThat(GitUser.parse("user.name\nA B\0user.email\na@b\0user.name\nC\0"))
        .isEqualTo(new GitUser("C", "a@b"));
    assertThat(GitUser.parse("")).isEqualTo(new GitUser("", ""));
    assertThat(GitUser.parse("user.email\0")).isEqualTo(new GitUser("", ""));
  }

  @Test
  void withoutAnEmailThePerformerIsTheOsUser() {
    assertThat(new GitUser("Someone", " ").performer()).isEqualTo(System.getProperty("user.name"));
  }

  @Test
  void performerIsTheWorkingDirectorysGitUserEmail() throws Exception {
    git("init", "-q");
    git("config", "user.email", "  deployer@example.com  ");
    assertThat(GitUser.of(repo).performer()).isEqualTo("deployer@example.com");
  }

  @Test
  void performerAlwaysNamesSomeone() {
    assertThat(GitUser.of(repo).performer()).isNotBlank();
  }
}

package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Kamal::Git's questions (lib/kamal/git.rb, cited as {@code K:git.rb:N}), with Sextant's own files left out (B7). */
class GitCommandsTest {
  private static final String OWN = " -- :(exclude,literal).kamal/hooks.log";

  @Test
  void kamalsGitQuestions() {
    assertThat(BuilderCommands.line(GitCommands.root())).isEqualTo("git rev-parse --show-toplevel"); // K:git.rb:24-26
    assertThat(BuilderCommands.line(GitCommands.revision())).isEqualTo("git rev-parse HEAD"); // K:git.rb:16-18
    assertThat(BuilderCommands.line(GitCommands.uncommittedChanges()))
        .isEqualTo("git status --porcelain" + OWN); // K:git.rb:20-22
    assertThat(BuilderCommands.line(GitCommands.uncommittedFiles()))
        .isEqualTo("git ls-files --modified" + OWN); // K:git.rb:28-31
    assertThat(BuilderCommands.line(GitCommands.untrackedFiles()))
        .isEqualTo("git ls-files --others" + OWN); // K:git.rb:33-36
  }
}

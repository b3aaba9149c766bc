package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppVersionTest {
  @TempDir Path dir;

  private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "HOME", "/nonexistent",
      "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@example.com", "GIT_COMMITTER_NAME", "t",
      "GIT_COMMITTER_EMAIL", "t@example.com", "GIT_CONFIG_NOSYSTEM", "1");

  private void git(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(ENV);
    Process process = builder.start();
    process.getInputStream().readAllBytes();
    assertThat(process.waitFor()).isZero();
  }

  private String head() throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("git", "rev-parse", "HEAD").directory(dir.toFile());
    builder.environment().putAll(ENV);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes()).strip();
    process.waitFor();
    return out;
  }

  @Test
  void overrideWinsOverVersionVariableWhichWinsOverGit() {
    assertThat(AppVersion.resolve(dir, "v1", Map.of("VERSION", "v2"), false)).isEqualTo("v1");
    assertThat(AppVersion.resolve(dir, null, Map.of("VERSION", "v2"), false)).isEqualTo("v2");
  }

  /** A repository whose one commit holds {@code a.txt}; returns that commit. */
  private String repositoryWithOneCommit() throws IOException, InterruptedException {
    git("init", "-q");
    Files.writeString(dir.resolve("a.txt"), "a");
    git("add", "a.txt");
    git("commit", "-q", "-m", "first");
    return head();
  }

  @Test
  void gitHeadWithUncommittedSuffixOnlyForACustomBuildContext() throws Exception {
    String head = repositoryWithOneCommit();

    assertThat(AppVersion.resolve(dir, null, ENV, true)).isEqualTo(head);
    Files.writeString(dir.resolve("a.txt"), "changed");
    assertThat(AppVersion.resolve(dir, null, ENV, false)).isEqualTo(head);
    assertThat(AppVersion.resolve(dir, null, ENV, true)).matches(head + "_uncommitted_[0-9a-f]{16}");
  }

  /** B7: the hook audit log Sextant appends to never makes the next command's version {@code _uncommitted_}. */
  @Test
  void sextantsOwnFilesDoNotMakeTheTreeDirty() throws Exception {
    String head = repositoryWithOneCommit();

    Files.createDirectories(dir.resolve(".kamal"));
    Files.writeString(dir.resolve(OwnFiles.HOOKS_LOG), "{\"hook\":\"pre-connect\"}\n");
    assertThat(AppVersion.resolve(dir, null, ENV, true)).as("untracked hooks.log").isEqualTo(head);

    git("add", "-f", OwnFiles.HOOKS_LOG); // even a project that committed it
    git("commit", "-q", "-m", "log");
    Files.writeString(dir.resolve(OwnFiles.HOOKS_LOG), "{\"hook\":\"pre-deploy\"}\n", StandardOpenOption.APPEND);
    assertThat(AppVersion.resolve(dir, null, ENV, true)).as("modified tracked hooks.log").isEqualTo(head());

    Files.writeString(dir.resolve(".kamal/secrets"), "A=1\n"); // the user's own file beside it still counts
    assertThat(AppVersion.resolve(dir, null, ENV, true)).matches(head() + "_uncommitted_[0-9a-f]{16}");
  }

  @Test
  void sextantsOwnFilesAreLeftOutFromASubdirectoryToo() throws Exception {
    git("init", "-q");
    git("commit", "-q", "--allow-empty", "-m", "first");
    Path app = dir.resolve("apps/web");
    Files.createDirectories(app.resolve(".kamal"));
    Files.writeString(app.resolve(OwnFiles.HOOKS_LOG), "{}\n");
    assertThat(AppVersion.resolve(app, null, ENV, true)).isEqualTo(head());
    Files.writeString(dir.resolve("elsewhere.txt"), "x"); // anywhere else in the repository: dirty, as in Kamal
    assertThat(AppVersion.resolve(app, null, ENV, true)).contains("_uncommitted_");
  }

  @Test
  void noGitRepositoryIsAClearError() {
    assertThatThrownBy(() -> AppVersion.resolve(dir, null, ENV, false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("Can't use commit hash as version, no git repository found in ");
  }

  @Test
  void serviceVersionAbbreviatesToSevenUnlessTheVersionHasAnUnderscore() {
    assertThat(AppVersion.serviceVersion("app", "123")).isEqualTo("app@123");
    assertThat(AppVersion.serviceVersion("app", "0123456789abcdef")).isEqualTo("app@0123456");
    assertThat(AppVersion.serviceVersion("app", "0123456789_uncommitted_ab")).isEqualTo("app@0123456789_uncommitted_ab");
  }
}

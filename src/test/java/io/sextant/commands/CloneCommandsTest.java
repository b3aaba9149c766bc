package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of the git-clone build's directories and command lines against Kamal 2.12: test/cli/build_test.rb
 * ({@code K:build_test.rb:N}), test/cli/cli_test_case.rb ({@code K:cli_test_case.rb:N}), test/commands/builder_test.rb
 * ({@code K:builder_test.rb:N}) and lib/kamal/configuration/builder.rb ({@code K:configuration/builder.rb:N}). The
 * digests are {@code printf %s <dir> | sha256sum}, cut to 13 hex digits as K:configuration/builder.rb:211-213 does.
 */
class CloneCommandsTest {
  private static final CloneCommands AT_ROOT =
      new CloneCommands("app", Path.of("/src/app"), Path.of("/src/app"), Path.of("/tmp"));
  private static final String CLONES = "/tmp/kamal-clones/app-c0167fc91cc66";

  private static List<String> lines(List<List<String>> commands) {
    return commands.stream().map(BuilderCommands::line).toList();
  }

  @Test
  void theCloneDirectoryIsTheServiceAndADigestOfTheWorkingDirectoryUnderTmpdir() {
    // K:configuration/builder.rb:142-144, K:build_test.rb:27
    assertThat(AT_ROOT.cloneDirectory()).isEqualTo(CLONES);
    assertThat(new CloneCommands("web", Path.of("/src/app"), Path.of("/src/app"), Path.of("/var/folders/x/T"))
        .cloneDirectory()).isEqualTo("/var/folders/x/T/kamal-clones/web-c0167fc91cc66");
  }

  @Test
  void theBuildDirectoryIsTheRepositoryInTheCloneWithATrailingSlashAtItsRoot() {
    // K:configuration/builder.rb:146-153, K:cli_test_case.rb:57-60 (the build directory ends in "/")
    assertThat(AT_ROOT.buildDirectory()).isEqualTo(CLONES + "/app/");
    CloneCommands inSubdirectory = new CloneCommands("app", Path.of("/src/app/services/web"), Path.of("/src/app"),
        Path.of("/tmp"));
    assertThat(inSubdirectory.buildDirectory())
        .isEqualTo("/tmp/kamal-clones/app-cd2b5c3e695e4/app/services/web");
  }

  @Test
  void cloneIsGitCloneOfTheRootIntoTheCloneDirectoryWithSubmodules() {
    // K:build_test.rb:27 and :106
    assertThat(BuilderCommands.line(AT_ROOT.cloneRepository()))
        .isEqualTo("git -C " + CLONES + " clone /src/app --recurse-submodules");
  }

  @Test
  void resetStepsAreKamalsSixInOrder() {
    // K:build_test.rb:110-115
    String git = "git -C " + CLONES + "/app/ ";
    assertThat(lines(AT_ROOT.resetSteps("abc123"))).containsExactly(
        git + "remote set-url origin /src/app",
        git + "fetch origin",
        git + "reset --hard abc123",
        git + "clean -fdx",
        git + "submodule update --init",
        git + "gc --auto --quiet");
  }

  @Test
  void statusAndRevisionAreAskedOfTheBuildDirectory() {
    // K:build_test.rb:15-21
    assertThat(BuilderCommands.line(AT_ROOT.status())).isEqualTo("git -C " + CLONES + "/app/ status --porcelain");
    assertThat(BuilderCommands.line(AT_ROOT.revision())).isEqualTo("git -C " + CLONES + "/app/ rev-parse HEAD");
  }

  @Test
  void pathsWithSpacesAreEscapedInEveryCommand() {
    // K:builder_test.rb:229-242
    CloneCommands spaced = new CloneCommands("app", Path.of("/absolute/path with spaces"),
        Path.of("/absolute/path with spaces"), Path.of("/tmp"));
    String clone = BuilderCommands.line(spaced.cloneRepository());
    assertThat(clone).isEqualTo("git -C /tmp/kamal-clones/app-4c03b632909dd clone /absolute/path\\ with\\ spaces"
        + " --recurse-submodules");
    for (String step : lines(spaced.resetSteps("abc"))) {
      assertThat(step).contains("path\\ with\\ spaces").doesNotContain("path with spaces");
    }
  }
}

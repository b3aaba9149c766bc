package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.cli.CliProject.Run;
import io.sextant.testing.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sextant's own files in the project's work tree (B7), through the launcher on real test hosts: the hook audit
 * log a command writes never changes the version the next command computes, even with a custom build context
 * (where Kamal appends {@code _uncommitted_<hex>} for any change in the tree).
 */
class OwnFilesIT {
  @TempDir Path root;

  @Test
  void aCommandThatRanAHookLeavesTheNextCommandTheSameVersion() throws Exception {
    CliProject project = CliProject.create(root, TestHosts.shared(), "of" + UUID.randomUUID().toString().substring(0, 8));
    Path versions = root.resolve("versions"); // outside the tree: the record must not dirty it either
    project.write("config/deploy.yml", Files.readString(project.dir.resolve("config/deploy.yml"))
        .replace("builder:\n  arch: amd64\n", "builder:\n  arch: amd64\n  context: .\n"));
    project.hook("pre-connect", "echo \"$KAMAL_VERSION\" >> '" + versions + "'");
    project.commitAll("config and hook");
    String head = project.version();

    Run first = project.run("lock", "status");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(project.dir.resolve(".kamal/hooks.log")).as("the first command's audit log").exists();
    Run second = project.run("lock", "status");
    assertThat(second.exitCode()).as(second.toString()).isZero();

    assertThat(Files.readAllLines(versions)).containsExactly(head, head);

    // a change of the user's own is still an uncommitted change, as in Kamal
    project.write("app.rb", "puts 1\n");
    Run third = project.run("lock", "status");
    assertThat(third.exitCode()).as(third.toString()).isZero();
    List<String> recorded = Files.readAllLines(versions);
    assertThat(recorded.get(2)).matches(head + "_uncommitted_[0-9a-f]{16}");
  }
}

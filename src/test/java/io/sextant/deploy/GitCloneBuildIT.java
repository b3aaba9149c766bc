package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.deploy.DeployProject.Run;
import io.sextant.testing.TestHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Kamal's git-clone build through the launcher on the real test hosts (no {@code builder.context}; buildx's
 * {@code docker} driver): the clone is kept in {@code $TMPDIR/kamal-clones/<service>-<digest of the project
 * directory>/<repo>} (lib/kamal/configuration/builder.rb#L142-L153), reset rather than cloned again by the next
 * deploy, cloned afresh when broken, and never holds uncommitted changes. {@code build dev} warns about the
 * uncommitted and untracked files its context includes, as Docker's {@code .dockerignore} decides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GitCloneBuildIT {
  DeployProject project;
  Path tmpdir;
  Path buildDirectory;

  @BeforeAll
  void project() throws Exception {
    project = new DeployProject("gc" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
    project.writeConfig("up", "");
    // A TMPDIR of the test's own (DeployProject gives one too; set here so the test says what it relies on).
    tmpdir = Files.createDirectories(project.home.resolve("clone-tmp"));
    Files.setPosixFilePermissions(tmpdir, PosixFilePermissions.fromString("rwx------"));
    project.extraEnv.put("TMPDIR", tmpdir.toString());
    // Kamal's name: the service, the first 13 hex digits of the SHA-256 of the working directory, the repo's name.
    Path dir = project.dir.toRealPath();
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(dir.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 13);
    buildDirectory = tmpdir.resolve("kamal-clones/" + project.service + "-" + digest + "/" + dir.getFileName());
  }

  @AfterAll
  void cleanUp() throws IOException {
    if (project != null) {
      project.close();
    }
  }

  /** The page the version's web container serves on {@code host}. */
  private String page(TestHost host, String version) {
    return project.set.ssh(host, "docker exec " + project.service + "-web-" + version + " cat /www/index.html")
        .requireOk().stdout();
  }

  @Test
  @Order(1)
  void aDeployBuildsFromKamalsCloneAndLeavesUncommittedChangesOut() throws Exception {
    String versionA = project.commitApp("A", "");
    Files.writeString(project.dir.resolve("www/index.html"), "uncommitted\n");

    Run deploy = project.sextant("deploy", "--verbose");

    assertThat(deploy.exitCode()).as("%s", deploy).isZero();
    // K:lib/kamal/cli/build.rb:30, lib/kamal/cli/build/clone.rb:31, test/cli/build_test.rb:27
    assertThat(deploy.stdout())
        .contains("Building from a local git clone, so ignoring these uncommitted changes:\n M www/index.html\n")
        .contains("Cloning repo into build directory `" + buildDirectory + "/`...")
        .contains("git -C " + buildDirectory.getParent() + " clone " + project.dir.toRealPath()
            + " --recurse-submodules")
        .doesNotContain("Resetting local clone");
    assertThat(buildDirectory.resolve("www/index.html")).hasContent("A");
    for (TestHost host : project.hosts) {
      assertThat(page(host, versionA)).isEqualTo("A\n");
    }
    project.git("checkout", "--", "www/index.html");
  }

  @Test
  @Order(2)
  void theNextDeployResetsTheSameCloneToTheNewCommit() throws Exception {
    String versionB = project.commitApp("B", "");

    Run deploy = project.sextant("deploy", "--verbose");

    assertThat(deploy.exitCode()).as("%s", deploy).isZero();
    // K:test/cli/build_test.rb:98-131
    assertThat(deploy.stdout())
        .contains("Cloning repo into build directory `" + buildDirectory + "/`...")
        .contains("Resetting local clone as `" + buildDirectory + "/` already exists...")
        .contains("git -C " + buildDirectory + "/ fetch origin")
        .contains("git -C " + buildDirectory + "/ reset --hard " + versionB)
        .doesNotContain("Error preparing clone")
        .doesNotContain("uncommitted changes");
    assertThat(buildDirectory.resolve("www/index.html")).hasContent("B");
    for (TestHost host : project.hosts) {
      assertThat(page(host, versionB)).isEqualTo("B\n");
    }
  }

  @Test
  @Order(3)
  void aCorruptedCloneIsDeletedAndClonedAgain() throws Exception {
    try (Stream<Path> files = Files.walk(buildDirectory.resolve(".git"))) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    }
    String versionC = project.commitApp("C", "");

    Run deploy = project.sextant("deploy");

    assertThat(deploy.exitCode()).as("%s", deploy).isZero();
    // K:test/cli/build_test.rb:156-189
    assertThat(deploy.stdout()).contains("Resetting local clone as `" + buildDirectory + "/` already exists...");
    assertThat(deploy.stderr()).contains("Error preparing clone: Failed to clone repo: fatal: not a git repository")
        .contains(", deleting and retrying...");
    assertThat(buildDirectory.resolve(".git")).isDirectory();
    for (TestHost host : project.hosts) {
      assertThat(page(host, versionC)).isEqualTo("C\n");
    }
  }

  @Test
  @Order(4)
  void buildDevWarnsAboutUncommittedFilesTheContextIncludesAndNotAboutIgnoredOnes() throws Exception {
    Files.writeString(project.dir.resolve(".dockerignore"), "notes.txt\nscratch/\n");
    Files.writeString(project.dir.resolve("notes.txt"), "committed notes\n");
    project.git("add", ".dockerignore", "notes.txt");
    project.git("commit", "-q", "-m", "notes");
    Files.writeString(project.dir.resolve("www/index.html"), "dev\n");
    Files.writeString(project.dir.resolve("notes.txt"), "uncommitted notes\n");
    Files.writeString(project.dir.resolve("www/new.html"), "untracked\n");
    Files.createDirectories(project.dir.resolve("scratch"));
    Files.writeString(project.dir.resolve("scratch/tmp.txt"), "untracked, ignored\n");

    Run dev = project.sextant("build", "dev");

    assertThat(dev.exitCode()).as("%s", dev).isZero();
    // K:lib/kamal/cli/build.rb:136-148
    assertThat(dev.stdout())
        .contains("WARNING: Files with uncommitted changes will be present in the dev container:\n"
            + "  www/index.html\n\n")
        .contains("WARNING: Untracked files will be present in the dev container:\n")
        .contains("\n  www/new.html\n")
        .doesNotContain("notes.txt")
        .doesNotContain("scratch/tmp.txt");
    project.git("checkout", "--", "www/index.html", "notes.txt");
    Files.delete(project.dir.resolve("www/new.html"));
  }
}

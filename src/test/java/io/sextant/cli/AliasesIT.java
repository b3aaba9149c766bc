package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.cli.CliProject.Run;
import io.sextant.testing.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kamal's {@code aliases} through the launcher on the real test hosts, and Kamal commands Sextant lacks. */
class AliasesIT {
  static TestHosts hosts;
  @TempDir Path root;
  CliProject project;

  @BeforeAll
  static void hosts() {
    hosts = TestHosts.shared();
  }

  @BeforeEach
  void project() throws Exception {
    project = CliProject.create(root, hosts, "al" + UUID.randomUUID().toString().substring(0, 8));
  }

  private void aliases(String yaml) throws Exception {
    Files.writeString(project.dir.resolve("config/deploy.yml"), "aliases:\n" + yaml, StandardOpenOption.APPEND);
  }

  @Test
  void anAliasRunsItsCommandWithTheExtraArgumentsAndTheLinesGlobalOptions() throws Exception {
    aliases("  say: server exec echo\n  on-workers: server exec -r workers\n");

    Run all = project.run("say", "hello", "world");
    assertThat(all.exitCode()).as(all.toString()).isZero();
    for (String ip : project.ips()) {
      assertThat(all.stdout()).as(all.toString()).contains("App Host: " + ip + "\nhello world\n");
    }

    String first = project.host(0).ip();
    Run one = project.run("say", "-h", first, "one");
    assertThat(one.exitCode()).as(one.toString()).isZero();
    assertThat(one.stdout()).as(one.toString()).contains("App Host: " + first + "\none\n")
        .doesNotContain("App Host: " + project.host(1).ip());

    Run workers = project.run("on-workers", "echo", "hi");
    assertThat(workers.exitCode()).as(workers.toString()).isZero();
    assertThat(workers.stdout()).as(workers.toString()).contains("App Host: " + project.host(2).ip() + "\nhi\n")
        .doesNotContain("App Host: " + first);

    // as Kamal's main_test.rb:751 (console -r workers): an option given on the line wins over the alias's own
    Run web = project.run("on-workers", "-r", "web", "echo", "hi");
    assertThat(web.exitCode()).as(web.toString()).isZero();
    assertThat(web.stdout()).as(web.toString()).contains("App Host: " + first + "\nhi\n")
        .doesNotContain("App Host: " + project.host(2).ip());
  }

  @Test
  void theDestinationGivenToAnAliasChoosesItsDefinition() throws Exception {
    aliases("  kernel: server exec uname\n");
    project.write("config/deploy.staging.yml", "aliases:\n  kernel: server exec -p echo staging\n");

    Run staging = project.run("kernel", "-d", "staging");
    assertThat(staging.exitCode()).as(staging.toString()).isZero();
    assertThat(staging.stdout()).as(staging.toString()).contains("App Host: " + project.host(0).ip() + "\nstaging\n")
        .doesNotContain("Linux");
  }

  @Test
  void anAliasShadowingACommandIsRefusedBeforeAnythingRuns() throws Exception {
    Path ran = project.dir.resolve("pre-connect.ran");
    project.hook("pre-connect", "touch '" + ran + "'");
    aliases("  details: server exec uname\n  kernel: server exec uname\n");

    for (String command : new String[] {"details", "kernel"}) {
      Run refused = project.run(command);
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
      assertThat(refused.stderr()).as(refused.toString())
          .contains("aliases/details: Alias 'details' conflicts with a built-in command.")
          .doesNotContain("\tat ");
    }
    assertThat(ran).doesNotExist();
  }

  @Test
  void anUnknownWordAndAnUnknownSubcommandAreOneLineEach() throws Exception {
    aliases("  kernel: server exec uname\n");

    Run unknown = project.run("kernal");
    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
    assertThat(unknown.stderr().strip()).as(unknown.toString()).startsWith("ERROR: unknown command `sextant kernal`")
        .doesNotContain("\n");

    Run unknownSubcommand = project.run("app", "remove_everything");
    assertThat(unknownSubcommand.exitCode()).as(unknownSubcommand.toString()).isEqualTo(2);
    assertThat(unknownSubcommand.stderr().strip()).as(unknownSubcommand.toString())
        .startsWith("ERROR: unknown command `sextant app remove_everything`")
        .doesNotContain("\n");
  }
}

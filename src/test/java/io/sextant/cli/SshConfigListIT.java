package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.cli.CliProject.Run;
import io.sextant.testing.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ssh: {config: [a, b]}} through the launcher on a real test host: every file of the list is read, in order,
 * as net-ssh reads them for Kamal (the first value found for an option wins).
 */
class SshConfigListIT {
  @TempDir Path root;

  @Test
  void theSecondFileOfTheListIsReadAndTheFirstFileWins() throws Exception {
    CliProject project = CliProject.create(root, TestHosts.shared(), "sc" + UUID.randomUUID().toString().substring(0, 8));
    String ip = project.host(0).ip();
    // the lock host is reached through an alias only the second file defines; the first file's HostName for
    // "shadowed" wins over the second's (an address that does not resolve)
    project.write("ssh/first", "Host shadowed\n  HostName " + ip + "\n");
    project.write("ssh/second", "Host only-second\n  HostName " + ip + "\nHost shadowed\n  HostName nowhere.invalid\n");
    String config = Files.readString(project.dir.resolve("config/deploy.yml"))
        .replace("    - " + ip + "\n", "    - only-second\n")
        .replace("  keys_only: true\n", "  keys_only: true\n  config: [ssh/first, ssh/second]\n");
    project.write("config/deploy.yml", config);

    Run status = project.run("lock", "status");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.stdout()).contains("There is no deploy lock");

    project.write("config/deploy.yml", config.replace("    - only-second\n", "    - shadowed\n"));
    Run first = project.run("lock", "status");
    assertThat(first.exitCode()).as(first.toString()).isZero();
  }
}

package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.cli.CliProject.Run;
import io.sextant.testing.CommandResult;
import io.sextant.testing.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets files are read as Kamal reads them, lazily (lib/kamal/secrets.rb): through the launcher on real
 * test hosts, commands that need no secret ({@code config}, {@code version}, {@code lock status}) never run a
 * {@code $(...)} of {@code .kamal/secrets}, and one whose substitution fails does not fail them; {@code deploy},
 * which needs the key, exits 2 naming the file, line and key before anything runs (no hook, no hook log, no
 * lock). No secret value appears in any output. {@code deploy -P}: the image build has pre-flight checks of its
 * own, which are not the point here.
 */
class LazySecretsIT {
  private static final String LITERAL = "literal-Secret-4e1d";
  private static final String COMPUTED = "computed-Secret-9c2b";
  static TestHosts hosts;
  @TempDir Path root;
  CliProject project;

  @BeforeAll
  static void hosts() {
    hosts = TestHosts.shared();
  }

  @BeforeEach
  void project() throws Exception {
    project = CliProject.create(root, hosts, "ls" + UUID.randomUUID().toString().substring(0, 8));
    // Line 2 fails; every substitution leaves a mark when it runs.
    project.write(".kamal/secrets", String.join("\n",
        "LITERAL_TOKEN=" + LITERAL,
        "DB_PASSWORD=$(echo db >> substitutions.log; exit 3)",
        "API_KEY=$(echo api >> substitutions.log; printf " + COMPUTED + ")",
        ""));
    String config = Files.readString(project.dir.resolve("config/deploy.yml"));
    // web without kamal-proxy, which the pre-flight check would refuse first
    String web = "  web:\n    - " + project.host(0).ip() + "\n    - " + project.host(1).ip() + "\n";
    assertThat(config).contains(web);
    project.write("config/deploy.yml", config.replace(web, "  web:\n    hosts:\n      - " + project.host(0).ip()
        + "\n      - " + project.host(1).ip() + "\n    proxy: false\n")
        + "env:\n  clear:\n    SHOWN: " + LITERAL + "\n  secret:\n    - API_KEY\n    - DB_PASSWORD\n");
    // pre-deploy receives every secret (H-20); neither hook fires for config, version or lock status
    project.hook("pre-build", "echo ran >> \"$PWD/hook-ran.txt\"");
    project.hook("pre-deploy", "echo ran >> \"$PWD/hook-ran.txt\"");
  }

  @Test
  void commandsThatNeedNoSecretRunNoSubstitutionAndSucceed() throws Exception {
    Run config = project.run("config", "--merged");
    Run version = project.run("version");
    Run status = project.run("lock", "status");

    for (Run run : List.of(config, version, status)) {
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertNoSecretIn(run);
    }
    assertThat(config.stdout()).as(config.toString()).contains("SHOWN: '[REDACTED]'", "- DB_PASSWORD");
    assertThat(status.stdout()).as(status.toString()).contains("There is no deploy lock");
    assertThat(project.dir.resolve("substitutions.log")).as("no $(...) ran").doesNotExist();
  }

  @Test
  void deployNeedingTheFailedKeyExitsTwoNamingFileLineAndKeyWithNothingRun() throws Exception {
    Run deploy = project.run("deploy", "-P");

    assertThat(deploy.exitCode()).as(deploy.toString()).isEqualTo(2);
    // the pre-flight check names the configuration key that reads the secret, then the file, line and key
    assertThat(deploy.stderr()).as(deploy.toString()).startsWith("ERROR: env/secret (role web): .kamal/secrets:2:"
        + " secret DB_PASSWORD: command substitution $(echo ...) failed with exit code 3\n");
    assertNoSecretIn(deploy);
    assertNothingRan();
  }

  @Test
  void aFailedKeyNoOneReadsFailsOnlyWhenAHookGetsEverySecret() throws Exception {
    String config = Files.readString(project.dir.resolve("config/deploy.yml"));
    project.write("config/deploy.yml", config.replace("    - DB_PASSWORD\n", ""));

    Run deploy = project.run("deploy", "-P");

    assertThat(deploy.exitCode()).as(deploy.toString()).isEqualTo(2);
    assertThat(deploy.stderr()).as(deploy.toString()).isEqualTo("ERROR: .kamal/secrets:2: secret DB_PASSWORD:"
        + " command substitution $(echo ...) failed with exit code 3 (the pre-deploy hook gets every secret)\n");
    assertNoSecretIn(deploy);
    assertNothingRan();
  }

  private void assertNothingRan() throws Exception {
    assertThat(project.dir.resolve("hook-ran.txt")).as("no hook ran").doesNotExist();
    assertThat(project.dir.resolve(".kamal/hooks.log")).as("no hook log").doesNotExist();
    CommandResult lock = project.ssh(project.host(0), "test -e .kamal/lock-" + project.service);
    assertThat(lock.exitCode()).as("no lock on the primary host").isNotZero();
  }

  private static void assertNoSecretIn(Run run) {
    assertThat(run.stdout() + run.stderr()).as(run.toString()).doesNotContain(LITERAL, COMPUTED);
  }
}

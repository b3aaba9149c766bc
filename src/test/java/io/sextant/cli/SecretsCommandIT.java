package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.cli.CliProject.Run;
import io.sextant.testing.TestHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code secrets fetch | extract | print} through the launcher, with a stand-in {@code op} (1Password's CLI) on
 * {@code PATH} that logs its arguments and prints what {@code op item get --format json --fields ...} prints (the
 * field objects of Kamal's test/secrets/one_password_adapter_test.rb L9-44 and 1Password's CLI docs). A secrets
 * file written as Kamal's docs write it resolves through Sextant's {@code kamal} shim, with no Ruby Kamal.
 */
class SecretsCommandIT {
  private static final String ALPHA = "alpha-Secret-71f3";
  private static final String BETA = "beta Secret \"q\" 9e";
  static TestHosts hosts;
  @TempDir Path root;
  CliProject project;
  Path opLog;
  Map<String, String> env;

  @BeforeAll
  static void hosts() {
    hosts = TestHosts.shared();
  }

  @BeforeEach
  void project() throws Exception {
    project = CliProject.create(root, hosts, "sc" + UUID.randomUUID().toString().substring(0, 8));
    Path bin = Files.createDirectories(root.resolve("vendor-bin"));
    opLog = root.resolve("op.log");
    standIn(bin.resolve("op"), String.join("\n",
        "echo \"op $*\" >> '" + opLog + "'",
        "case \"$1\" in",
        "  --version) echo 2.30.3 ;;",
        "  account) [ \"$4\" = x ] || exit 1 ;;",
        "  item) [ \"$4\" = --vault ] && [ \"$5\" = y ] || exit 1",
        "    cat <<'JSON'",
        "[",
        "  {\"id\": \"a1\", \"type\": \"CONCEALED\", \"label\": \"A\", \"value\": \"" + ALPHA + "\",",
        "   \"reference\": \"op://y/item/A\"},",
        "  {\"id\": \"b2\", \"type\": \"CONCEALED\", \"label\": \"B\", \"value\": \"beta Secret \\\"q\\\" 9e\",",
        "   \"reference\": \"op://y/item/B\"}",
        "]",
        "JSON",
        "  ;;",
        "  *) exit 2 ;;",
        "esac"));
    env = Map.of("PATH", bin + ":" + System.getenv("PATH"));
    project.write(".kamal/secrets", String.join("\n",
        "SECRETS=$(kamal secrets fetch --adapter 1password --account x --from y item/A item/B)",
        "A=$(kamal secrets extract A $SECRETS)",
        "B=$(kamal secrets extract B ${SECRETS})",
        ""));
  }

  @Test
  void aSecretsFileUsingKamalSecretsResolvesThroughTheStandInOp() throws Exception {
    Run print = project.run(env, "secrets", "print");

    assertThat(print.exitCode()).as(print.toString()).isZero();
    // Kamal's `secrets print` shows values on purpose; SECRETS holds the shell-escaped JSON that `fetch --inline`
    // returns (Ruby's Shellwords.escape of {"y/item/A":"...","y/item/B":"..."})
    assertThat(print.stdout()).as(print.toString()).isEqualTo(String.join("\n",
        "SECRETS=\\{\\\"y/item/A\\\":\\\"" + ALPHA + "\\\",\\\"y/item/B\\\":\\\"beta\\ Secret\\ \\\\\\\"q\\\\\\\"\\ 9e\\\"\\}",
        "A=" + ALPHA,
        "B=" + BETA,
        ""));
    // one_password.rb's command lines, as its tests expect them
    assertThat(Files.readAllLines(opLog)).containsExactly("op --version", "op account get --account x",
        "op item get item --vault y --format json --account x --fields label=A,label=B");
  }

  @Test
  void fetchPrintsTheJsonAndExtractTakesOneValue() throws Exception {
    Run fetch = project.run(env, "secrets", "fetch", "-a", "1password", "--account", "x", "--from", "y/item", "A",
        "B");
    Run extract = project.run(env, "secrets", "extract", "B", fetch.stdout().strip());

    assertThat(fetch.exitCode()).as(fetch.toString()).isZero();
    assertThat(fetch.stdout()).isEqualTo(
        "{\"y/item/A\":\"" + ALPHA + "\",\"y/item/B\":\"beta Secret \\\"q\\\" 9e\"}\n");
    assertThat(extract.exitCode()).as(extract.toString()).isZero();
    assertThat(extract.stdout()).isEqualTo(BETA + "\n");
  }

  @Test
  void configRunsNoVaultCliAndShowsNoSecret() throws Exception {
    Run config = project.run(env, "config");

    assertThat(config.exitCode()).as(config.toString()).isZero();
    assertThat(opLog).as("op never ran").doesNotExist();
    assertNoSecretIn(config);
  }

  @Test
  void vaultFailuresExitWithKamalsMessageAndNoSecret() throws Exception {
    Run noAccount = project.run(env, "secrets", "fetch", "-a", "1password", "--from", "y/item", "A");
    Run unknown = project.run(env, "secrets", "fetch", "-a", "keepass", "A");
    Run noCli = project.run(Map.of("PATH", "/usr/bin:/bin"), "secrets", "fetch", "-a", "lastpass", "--account",
        "me", "A");
    Run notFound = project.run(env, "secrets", "extract", "C", "{\"y/item/A\":\"" + ALPHA + "\"}");
    project.write(".kamal/secrets", "SECRETS=$(kamal secrets fetch --adapter 1password --account other "
        + "--from y item/A)\nA=$(kamal secrets extract A $SECRETS)\n");
    Run failedPrint = project.run(env, "secrets", "print");

    assertThat(noAccount.exitCode()).isEqualTo(2);
    assertThat(noAccount.stderr()).isEqualTo("ERROR: No value provided for required options '--account'\n");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr()).isEqualTo("ERROR: Unknown secrets adapter: keepass\n");
    assertThat(noCli.exitCode()).isEqualTo(1);
    assertThat(noCli.stderr()).isEqualTo("ERROR: LastPass CLI is not installed\n");
    assertThat(notFound.exitCode()).isEqualTo(1);
    assertThat(notFound.stderr()).isEqualTo("ERROR: Could not find secret C\n");
    // `op account get --account other` fails, so does `op signin`: the substitution fails, naming file, line, key
    assertThat(failedPrint.exitCode()).as(failedPrint.toString()).isNotZero();
    assertThat(failedPrint.stderr()).contains("Failed to login to 1Password", ".kamal/secrets:1", "SECRETS");
    for (Run run : List.of(noAccount, unknown, noCli, failedPrint)) {
      assertNoSecretIn(run);
    }
  }

  private static void assertNoSecretIn(Run run) {
    for (String secret : List.of(ALPHA, "beta Secret", "9e\"")) {
      assertThat(run.stdout() + run.stderr()).as(run.toString()).doesNotContain(secret);
    }
  }

  private static void standIn(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}

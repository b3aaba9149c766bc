package io.sextant.cli;

import io.sextant.testing.AgentMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code secrets fetch} with the vault adapters other than 1Password ({@link SecretsCommandIT} has that one),
 * through the launcher, each with a stand-in for the vendor's CLI on {@code PATH}: a shell script that logs its
 * arguments and answers only the command lines Kamal's adapter runs, with the output Kamal's adapter tests stub for
 * it (the vendors' documented JSON; each case cites the test). No real vault is contacted. Also: a secrets file
 * whose {@code $(kamal secrets ...)} lines use two of them, and a vendor CLI that fails, with no secret value in any
 * output.
 */
class SecretsAdaptersIT {
  @TempDir Path project;
  Path bin;
  Path log;

  record Run(int exitCode, String stdout, String stderr) {}

  @BeforeEach
  void writeProject() throws IOException {
    bin = Files.createDirectories(project.resolve("vendor-bin"));
    log = project.resolve("vendor.log");
    Files.createDirectories(project.resolve("config"));
    Files.writeString(project.resolve("config/deploy.yml"), """
        service: app
        image: acme/app
        servers:
          - 192.0.2.10
        registry:
          username: acme
          password:
            - KAMAL_REGISTRY_PASSWORD
        builder:
          arch: amd64
        """);
  }

  // bitwarden_adapter_test.rb "fetch with from": the named fields of one item, keyed item/field
  @Test
  void bitwarden() throws Exception {
    standIn("bw", Map.of("--version", "2024.9.0", "status", "{\"status\":\"unlocked\"}", "sync", "",
        "get item myitem", "{\"name\":\"myitem\",\"fields\":[{\"name\":\"field1\",\"value\":\"bw-secret-1\"},"
            + "{\"name\":\"field2\",\"value\":\"bw-secret-2\"}],\"login\":{\"password\":null}}"));

    Run run = sextant("secrets", "fetch", "-a", "bitwarden", "--account", "email@example.com", "--from", "myitem",
        "field1", "field2");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).isEqualTo("{\"myitem/field1\":\"bw-secret-1\",\"myitem/field2\":\"bw-secret-2\"}\n");
    assertThat(ran()).containsExactly("bw --version", "bw status", "bw sync", "bw get item myitem");
  }

  // bitwarden_secrets_manager_adapter_test.rb "fetch all"
  @Test
  void bitwardenSecretsManager() throws Exception {
    standIn("bws", Map.of("--version", "bws 1.0.0", "project list", "[]", "secret list",
        "[{\"key\": \"KAMAL_REGISTRY_PASSWORD\", \"value\": \"bws-pass-1\"},"
            + " {\"key\": \"MY_OTHER_SECRET\", \"value\": \"my=wierd\\\"secret\"}]"));

    Run run = sextant("secrets", "fetch", "-a", "bitwarden-sm", "all");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout())
        .isEqualTo("{\"KAMAL_REGISTRY_PASSWORD\":\"bws-pass-1\",\"MY_OTHER_SECRET\":\"my=wierd\\\"secret\"}\n");
    assertThat(ran()).containsExactly("bws --version", "bws project list", "bws secret list");
  }

  // last_pass_adapter_test.rb "fetch": one `lpass show ... --json` for every secret
  @Test
  void lastPass() throws Exception {
    lastPassStandIn();

    Run run = sextant("secrets", "fetch", "-a", "lastpass", "--account", "email@example.com", "SECRET1",
        "FOLDER1/FSECRET1");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).isEqualTo("{\"SECRET1\":\"lp-secret-1\",\"FOLDER1/FSECRET1\":\"lp-fsecret-1\"}\n");
    assertThat(ran()).containsExactly("lpass --version", "lpass status --color never",
        "lpass show SECRET1 FOLDER1/FSECRET1 --json");
  }

  private void lastPassStandIn() throws IOException {
    standIn("lpass", Map.of("--version", "LastPass CLI v1.6.1", "status --color never",
        "Logged in as email@example.com.", "show SECRET1 FOLDER1/FSECRET1 --json",
        "[{\"fullname\": \"SECRET1\", \"password\": \"lp-secret-1\"},"
            + " {\"fullname\": \"FOLDER1/FSECRET1\", \"password\": \"lp-fsecret-1\"}]"));
  }

  // aws_secrets_manager_adapter_test.rb "fetch" and "fetch with string value": JSON objects split into keys
  @Test
  void awsSecretsManager() throws Exception {
    standIn("aws", Map.of("--version", "aws-cli/2.17.0",
        "secretsmanager batch-get-secret-value --secret-id-list secret secret2 --profile default --output json",
        "{\"SecretValues\": [{\"Name\": \"secret\", \"SecretString\": \"{\\\"KAMAL_REGISTRY_PASSWORD\\\":"
            + "\\\"aws-secret-1\\\"}\"}, {\"Name\": \"secret2\", \"SecretString\": \"aws-string-2\"}],"
            + " \"Errors\": []}"));

    Run run = sextant("secrets", "fetch", "-a", "aws_secrets_manager", "--account", "default", "secret", "secret2");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout())
        .isEqualTo("{\"secret/KAMAL_REGISTRY_PASSWORD\":\"aws-secret-1\",\"secret2\":\"aws-string-2\"}\n");
    assertThat(ran()).containsExactly("aws --version", "aws secretsmanager batch-get-secret-value --secret-id-list "
        + "secret secret2 --profile default --output json");
  }

  // doppler_adapter_test.rb "fetch": project and config from --from
  @Test
  void doppler() throws Exception {
    dopplerStandIn();

    Run run = sextant("secrets", "fetch", "-a", "doppler", "--from", "my-project/prd", "SECRET1", "FSECRET1");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).isEqualTo("{\"SECRET1\":\"dp-secret-1\",\"FSECRET1\":\"dp-fsecret-1\"}\n");
    assertThat(ran()).containsExactly("doppler --version", "doppler me --json",
        "doppler secrets get SECRET1 FSECRET1 --json -p my-project -c prd");
  }

  private void dopplerStandIn() throws IOException {
    standIn("doppler", Map.of("--version", "v3.69.0", "me --json", "{\"name\": \"me\"}",
        "secrets get SECRET1 FSECRET1 --json -p my-project -c prd",
        "{\"SECRET1\": {\"computed\":\"dp-secret-1\"}, \"FSECRET1\": {\"computed\":\"dp-fsecret-1\"}}"));
  }

  // gcp_secret_manager_adapter_test.rb "fetch": the payload of the latest version, base64-decoded
  @Test
  void gcpSecretManager() throws Exception {
    standIn("gcloud", Map.of("--version", "Google Cloud SDK 490.0.0", "auth list --format=json",
        "[{\"account\": \"email@example.com\", \"status\": \"ACTIVE\"}]",
        "secrets versions access latest --secret=mypassword --format=json",
        "{\"name\": \"projects/000000000/secrets/mypassword/versions/1\", \"payload\": {\"data\": "
            + "\"Z2NwLXNlY3JldC0x\", \"dataCrc32c\": \"2522602764\"}}"));

    Run run = sextant("secrets", "fetch", "-a", "gcp", "--account", "default", "mypassword");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).isEqualTo("{\"default/mypassword\":\"gcp-secret-1\"}\n");
    assertThat(ran()).containsExactly("gcloud --version", "gcloud auth list --format=json",
        "gcloud secrets versions access latest --secret=mypassword --format=json");
  }

  // enpass_adapter_test.rb "fetch one item": the item's fields, only the requested label kept
  @Test
  void enpass() throws Exception {
    standIn("enpass-cli", Map.of("version", "enpass-cli 1.6.0", "-json -vault vault-path show FooBar",
        "[{\"category\":\"computer\",\"label\":\"SECRET_1\",\"login\":\"\",\"password\":\"ep-password-1\","
            + "\"title\":\"FooBar\",\"type\":\"password\"},{\"category\":\"computer\",\"label\":\"SECRET_2\","
            + "\"login\":\"\",\"password\":\"ep-password-2\",\"title\":\"FooBar\",\"type\":\"password\"}]"));

    Run run = sextant("secrets", "fetch", "-a", "enpass", "--from", "vault-path", "FooBar/SECRET_1");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).isEqualTo("{\"FooBar/SECRET_1\":\"ep-password-1\"}\n");
    assertThat(ran()).containsExactly("enpass-cli version", "enpass-cli -json -vault vault-path show FooBar");
  }

  // passbolt_adapter_test.rb "fetch": resources at the root, found by name (the shell joins the filter's words)
  @Test
  void passbolt() throws Exception {
    standIn("passbolt", Map.of("--version", "passbolt 0.3.2", "verify", "",
        "list resources --filter Name == \"SECRET1\" || Name == \"FSECRET1\" --column name --column password --json",
        "[{\"name\": \"FSECRET1\", \"password\": \"pb-fsecret-1\"}, {\"name\": \"SECRET1\", \"password\": "
            + "\"pb-secret-1\"}]"));

    Run run = sextant("secrets", "fetch", "-a", "passbolt", "SECRET1", "FSECRET1");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    // in the order passbolt lists them (passbolt.rb builds the hash from the listed items)
    assertThat(run.stdout()).isEqualTo("{\"FSECRET1\":\"pb-fsecret-1\",\"SECRET1\":\"pb-secret-1\"}\n");
    assertThat(ran()).containsExactly("passbolt --version", "passbolt verify", "passbolt list resources --filter "
        + "Name == \"SECRET1\" || Name == \"FSECRET1\" --column name --column password --json");
  }

  /**
   * A secrets file as Kamal's docs write it, with two vaults: {@code secrets print} resolves both through the
   * {@code kamal} shim; when one vault's CLI fails, only the keys that need it fail, with no secret in the output.
   */
  @Test
  void aSecretsFileWithTwoVaultsAndAFailingOne() throws Exception {
    dopplerStandIn();
    lastPassStandIn();
    Files.createDirectories(project.resolve(".kamal"));
    Files.writeString(project.resolve(".kamal/secrets"), String.join("\n",
            "DP=$(kamal secrets fetch --adapter doppler --from my-project/prd SECRET1 FSECRET1)",
            "DB_PASSWORD=$(kamal secrets extract FSECRET1 $DP)",
            "LP=$(kamal secrets fetch --adapter lastpass --account email@example.com SECRET1 FOLDER1/FSECRET1)",
            "API_KEY=$(kamal secrets extract SECRET1 ${LP})",
            ""));

    Run print = sextant("secrets", "print");

    assertThat(print.exitCode()).as(print.toString()).isZero();
    assertThat(print.stdout()).contains("DB_PASSWORD=dp-fsecret-1\n", "API_KEY=lp-secret-1\n");

    standIn("lpass", Map.of("--version", "LastPass CLI v1.6.1"));
    Run failed = sextant("secrets", "print");
    Run config = sextant("config", "--version", "1");

    assertThat(failed.exitCode()).as(failed.toString()).isNotZero();
    assertThat(failed.stderr()).contains(".kamal/secrets:3", "LP");
    assertThat(config.exitCode()).as(config.toString()).isZero();
    for (Run run : List.of(failed, config)) {
      assertThat(run.stdout() + run.stderr()).as(run.toString())
          .doesNotContain("dp-secret-1", "dp-fsecret-1", "lp-secret-1", "lp-fsecret-1");
    }
  }

  /** A stand-in vendor CLI: logs {@code NAME ARGS}, prints the answer for exactly these arguments, else exits 3. */
  private void standIn(String name, Map<String, String> answers) throws IOException {
    StringBuilder script = new StringBuilder("#!/bin/sh\necho \"" + name + " $*\" >> '" + log + "'\ncase \"$*\" in\n");
    new LinkedHashMap<>(answers).forEach((args, output) -> script.append("  '").append(args.replace("'", "'\\''"))
        .append("') cat <<'OUT'\n").append(output).append("\nOUT\n  ;;\n"));
    script.append("  *) echo \"unexpected: $*\" >&2; exit 3 ;;\nesac\n");
    Path file = bin.resolve(name);
    Files.writeString(file, script.toString());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private List<String> ran() throws IOException {
    return Files.readAllLines(log);
  }

  private Run sextant(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CliIT.launcher().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().remove("VERSION");
    builder.environment().remove("DOPPLER_TOKEN");
    AgentMode.apply(builder.environment());
    Process process = builder.start();
    byte[] err = process.getErrorStream().readAllBytes();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }
}

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

/** {@code sextant hooks list/env/run/validate/history} end to end through the launcher and the built jar. */
class HooksCommandIT {
  @TempDir Path project;
  Path records;

  record Run(int exitCode, String stdout, String stderr) {}

  Run sextant(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CliIT.launcher().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().remove("VERSION");
    AgentMode.apply(builder.environment());
    Process process = builder.start();
    byte[] err = process.getErrorStream().readAllBytes();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  Path hook(String name, String body) throws IOException {
    Path file = project.resolve(".kamal/hooks").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @BeforeEach
  void writeProject() throws IOException {
    records = project.resolve("records");
    Files.createDirectories(records);
    Files.createDirectories(project.resolve("config"));
    Files.writeString(project.resolve("config/deploy.yml"), String.join("\n",
        "service: app",
        "image: acme/app",
        "servers:",
        "  web:",
        "    - 10.0.0.1",
        "    - 10.0.0.2",
        "  workers:",
        "    hosts:",
        "      - 10.0.0.3",
        "registry:",
        "  username: acme",
        "  password:",
        "    - KAMAL_REGISTRY_PASSWORD",
        "builder:",
        "  arch: amd64",
        "  driver: docker",
        "hooks_output:",
        "  pre-build: quiet",
        "x-hooks:",
        "  timeout: 600",
        "  pre-deploy:",
        "    timeout: 900",
        ""));
    Files.createDirectories(project.resolve(".kamal"));
  }

  private void writeSecrets() throws IOException {
    Files.writeString(project.resolve(".kamal/secrets"),
        "KAMAL_REGISTRY_PASSWORD=reg-pass-123\nDB_PASSWORD=db-secret-456\n");
  }

  @Test
  void listShowsEveryHookPointWithFilesTimeoutsAndOutput() throws Exception {
    hook("pre-deploy", "exit 0");
    hook("pre-deploy.d/10-migrate", "exit 0");
    hook("pre-deploy.d/20-example.sample", "exit 0");
    Files.writeString(project.resolve(".kamal/hooks/post-deploy"), "#!/bin/sh\n");
    Run run = sextant("hooks", "list");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .contains("Hooks in .kamal/hooks (settings from config/deploy.yml)")
        .contains("pre-connect  (no script)")
        .contains("  .kamal/hooks/pre-deploy  runs\n  .kamal/hooks/pre-deploy.d/10-migrate  runs\n"
            + "  .kamal/hooks/pre-deploy.d/20-example.sample  skipped: sample file\n"
            + "  fired by: deploy, redeploy, rollback, setup\n"
            + "  secrets: yes   timeout: 900s   output: default")
        .contains("  .kamal/hooks/post-deploy  CANNOT RUN: .kamal/hooks/post-deploy is not executable:"
            + " run chmod +x .kamal/hooks/post-deploy")
        .contains("pre-build  (no script)\n  fired by: deploy, redeploy, setup, build push, build deliver\n"
            + "  secrets: no   timeout: 600s   output: quiet")
        .contains("post-deploy-failure  (no script)");
    assertThat(sextant("hooks", "list", "--hook-timeout", "5", "--skip-hook", "post-*").stdout())
        .contains("secrets: yes   timeout: 5s   output: default   skipped by --skip-hook post-*");
  }

  @Test
  void envShowsTheExactVariablesWithSecretsRedacted() throws Exception {
    writeSecrets();
    Run run = sextant("hooks", "env", "pre-deploy", "--version", "0123456789abcdef", "-r", "work*");
    assertThat(run.stderr()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .contains("# Environment of pre-deploy in `sextant deploy`\n")
        .contains("KAMAL_COMMAND=deploy\n")
        .contains("KAMAL_HOOK=pre-deploy\n")
        .contains("KAMAL_HOSTS=10.0.0.3\n")
        .contains("KAMAL_LOCK=true\n")
        .contains("KAMAL_ROLES=workers\nKAMAL_SERVICE=app\nKAMAL_SERVICE_VERSION=app@0123456\n")
        .contains("KAMAL_VERSION=0123456789abcdef\n")
        .contains("DB_PASSWORD=[REDACTED]  # secret\n")
        .contains("\"roles\":{\"workers\":[\"10.0.0.3\"]}")
        .doesNotContain("db-secret-456").doesNotContain("reg-pass-123");
    assertThat(run.stdout()).containsPattern("KAMAL_RECORDED_AT=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n");
  }

  @Test
  void envShowsTheOutputFileAndTheProjectBinFirstOnThePathWhenItExists() throws Exception {
    Run without = sextant("hooks", "env", "pre-build", "--version", "0123456789abcdef");
    assertThat(without.exitCode()).as(without.stderr()).isZero();
    assertThat(without.stdout()).contains("KAMAL_OUTPUT=<empty 0600 file").doesNotContain("\nPATH=");

    Files.createDirectories(project.resolve(".kamal/bin"));
    Run with = sextant("hooks", "env", "pre-build", "--version", "0123456789abcdef");
    assertThat(with.exitCode()).as(with.stderr()).isZero();
    assertThat(with.stdout()).contains("\nPATH=" + project.toRealPath().resolve(".kamal/bin") + ":");
  }

  @Test
  void hooksRunCallsProjectExecutablesByName() throws Exception {
    Path tool = project.resolve(".kamal/bin/sx-tool");
    Files.createDirectories(tool.getParent());
    Files.writeString(tool, "#!/bin/sh\necho \"tool says $1\"\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    hook("pre-build", "sx-tool hi");
    Run run = sextant("hooks", "run", "pre-build", "--version", "0123456789abcdef");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("tool says hi");
  }

  @Test
  void envOfATwoWordCommandAndAHookWithoutSecrets() throws Exception {
    writeSecrets();
    Run run = sextant("hooks", "env", "pre-app-boot", "--command", "app boot", "--version", "v1");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).contains("KAMAL_COMMAND=app\n").contains("KAMAL_SUBCOMMAND=boot\n")
        .contains("KAMAL_HOSTS=10.0.0.1,10.0.0.2,10.0.0.3\n")
        .contains("# no secrets: only pre-connect, pre-deploy and post-deploy receive them")
        .doesNotContain("DB_PASSWORD");
  }

  @Test
  void envOfAnUnknownHookIsAUsageError() throws Exception {
    Run run = sextant("hooks", "env", "pre-deploy.sh");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("Unknown hook 'pre-deploy.sh'; hooks are: pre-connect, pre-build");
  }

  @Test
  void runRunsTheHookNowAsADryRunWithItsOutputShown() throws Exception {
    writeSecrets();
    hook("pre-deploy", "echo \"dry=$KAMAL_HOOK_DRY_RUN lock=$KAMAL_LOCK pw=$DB_PASSWORD\"\n"
        + "env -0 > '" + records.resolve("env") + "'\npwd > '" + records.resolve("cwd") + "'");
    Run run = sextant("hooks", "run", "pre-deploy", "--version", "v7");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).contains("Running hook pre-deploy (.kamal/hooks/pre-deploy)...\n"
        + "  [pre-deploy] dry=1 lock=false pw=[REDACTED]\nFinished hook pre-deploy in ");
    Map<String, String> env = new LinkedHashMap<>();
    for (String entry : Files.readString(records.resolve("env")).split("\0")) {
      int eq = entry.indexOf('=');
      env.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    assertThat(env).containsEntry("KAMAL_HOOK_DRY_RUN", "1").containsEntry("KAMAL_VERSION", "v7")
        .containsEntry("DB_PASSWORD", "db-secret-456").containsEntry("KAMAL_LOCK", "false")
        .doesNotContainKey("KAMAL_LOCK_TOKEN");
    assertThat(Files.readString(records.resolve("cwd")).strip())
        .isEqualTo(project.toRealPath().toString());
    Run history = sextant("hooks", "history");
    assertThat(history.exitCode()).isZero();
    assertThat(history.stdout()).containsPattern(
        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  hooks run \\(as deploy\\)  pre-deploy  ok in \\d+\\.\\ds"
            + "  version v7  by .+\n");
    assertThat(Files.readString(project.resolve(".kamal/hooks.log"))).doesNotContain("db-secret-456");
  }

  @Test
  void runOfAFailingHookExits1WithTheMessageOnStderr() throws Exception {
    hook("post-deploy", "echo 'cannot notify' >&2\nexit 3");
    Run run = sextant("hooks", "run", "post-deploy", "--version", "v7", "-q");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).isEqualTo("ERROR: Hook `post-deploy` failed with exit code 3\n"
        + "Last output of .kamal/hooks/post-deploy:\n  cannot notify\n");
  }

  @Test
  void runWithoutTheHookSaysSo() throws Exception {
    Run run = sextant("hooks", "run", "docker-setup");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo("No docker-setup hook in .kamal/hooks: nothing to run\n");
  }

  @Test
  void validateExits1OnProblemsAnd0WhenClean() throws Exception {
    hook("pre-deploy", "exit 0");
    Run clean = sextant("hooks", "validate");
    assertThat(clean.exitCode()).isZero();
    assertThat(clean.stdout()).isEqualTo("Hooks in .kamal/hooks are valid: 1 script will run\n");
    hook("pre-build.sh", "exit 0");
    Run broken = sextant("hooks", "validate");
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.stdout()).isEqualTo("ERROR .kamal/hooks/pre-build.sh: is ignored: a hook file has no"
        + " extension; rename it to pre-build (mv pre-build.sh pre-build)\n1 problem, 0 warnings in .kamal/hooks\n");
  }

  @Test
  void validateStillWorksWhenATraefikHookBlocksTheConfiguration() throws Exception {
    hook("pre-traefik-reboot", "exit 0");
    Run run = sextant("hooks", "validate");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).contains("ERROR .kamal/hooks/pre-traefik-reboot: Kamal 1 name: rename it to"
        + " pre-proxy-reboot");
    assertThat(run.stderr()).contains("Configuration not loaded (");
  }

  @Test
  void historyWithoutRunsSaysSo() throws Exception {
    Run run = sextant("hooks", "history", "-n", "5");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo("No hook runs recorded yet (.kamal/hooks.log)\n");
  }

  /**
   * A key Kamal accepts and Sextant does not act on is warned about by every {@code hooks} command that loads the
   * configuration, once, on stderr, as {@code config} and {@code deploy} warn (docs/configuration.md).
   */
  @Test
  void everyHooksCommandWarnsOnceAboutAnIgnoredKey() throws Exception {
    Path config = project.resolve("config/deploy.yml");
    Files.writeString(config, Files.readString(config) + "sshkit:\n  pool_idle_timeout: 300\n");
    hook("pre-build", "exit 0");
    String warning = "WARNING: sshkit/pool_idle_timeout is accepted but not supported by Sextant yet: Sextant"
        + " keeps its connections for the command's duration (see docs/configuration.md)";
    List<List<String>> commands = List.of(List.of("hooks", "list"),
        List.of("hooks", "env", "pre-build", "--version", "1"),
        List.of("hooks", "run", "pre-build", "--version", "1"),
        List.of("hooks", "validate"),
        List.of("hooks", "history"));
    for (List<String> command : commands) {
      Run run = sextant(command.toArray(String[]::new));
      assertThat(run.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(run.stderr().lines().filter(warning::equals).count())
          .as(String.join(" ", command) + ": " + run.stderr()).isEqualTo(1);
      assertThat(run.stdout()).as(String.join(" ", command)).doesNotContain("WARNING");
    }
  }
}

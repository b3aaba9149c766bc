package io.sextant.cli;

import io.sextant.testing.AgentMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code sextant config} through the launcher, in a project directory as a user runs it: Kamal's summary with the
 * version from git, Kamal's error without git, {@code --merged}, and no secret value in either output. It never
 * connects to a host (as {@code kamal config}), so it needs no test hosts.
 */
class ConfigCommandIT {
  @TempDir Path project;

  private static final String PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY----- it-key-material-5521";
  private static final String DEPLOY_YML = """
      service: blog
      image: acme/blog
      servers:
        web:
          - 10.1.0.1
        jobs:
          hosts:
            - 10.1.0.2
          cmd: bin/jobs
      volumes:
        - "blog_storage:/rails/storage"
      registry:
        server: ghcr.io
        username: acme
        password:
          - KAMAL_REGISTRY_PASSWORD
      ssh:
        user: deploy
        key_data:
          - SSH_PRIVATE_KEY
      logging:
        driver: journald
      builder:
        arch: amd64
      """;

  private record Run(int exit, String stdout, String stderr) {}

  private Run sextant(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CliIT.launcher().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().keySet().removeIf(name -> name.startsWith("KAMAL_") || name.equals("VERSION"));
    AgentMode.apply(builder.environment());
    builder.environment().putAll(env);
    Process process = builder.start();
    byte[] err = process.getErrorStream().readAllBytes();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  private void writeProject() throws IOException {
    Files.createDirectories(project.resolve("config"));
    Files.createDirectories(project.resolve(".kamal"));
    Files.writeString(project.resolve("config/deploy.yml"), DEPLOY_YML);
    Files.writeString(project.resolve(".kamal/secrets"), "KAMAL_REGISTRY_PASSWORD=it-registry-token-9931\n"
        + "SSH_PRIVATE_KEY=\"" + PRIVATE_KEY + "\"\n");
  }

  private String git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=It", "-c", "user.email=it@sextant.test"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.strip();
  }

  @Test
  void printsKamalsSummaryWithTheGitVersionAndNoSecret() throws Exception {
    writeProject();
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "first");
    String head = git("rev-parse", "HEAD");

    Run run = sextant(Map.of(), "config");

    assertThat(run.stderr()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.stdout()).startsWith("---\n:roles:\n- jobs\n- web\n:hosts:\n- 10.1.0.2\n- 10.1.0.1\n")
        .contains(":version: " + head + "\n", ":repository: ghcr.io/acme/blog\n",
            ":absolute_image: ghcr.io/acme/blog:" + head + "\n", ":service_with_version: blog-" + head + "\n",
            ":volume_args:\n- \"--volume\"\n- blog_storage:/rails/storage\n",
            ":ssh_options:\n  :user: deploy\n  :port: 22\n  :keepalive: true\n  :keepalive_interval: 30\n"
                + "  :key_data:\n  - \"[REDACTED]\"\n  :log_level: :fatal\n",
            ":logging:\n- \"--log-driver\"\n- '\"journald\"'\n")
        .doesNotContain(PRIVATE_KEY, "it-registry-token-9931", "it-key-material");
    Map<Object, Object> parsed = new Yaml().load(run.stdout());
    assertThat(parsed).containsEntry(":primary_host", "10.1.0.1");
  }

  @Test
  void withoutVersionOrGitExitsTwoWithKamalsError() throws Exception {
    writeProject();

    Run run = sextant(Map.of(), "config");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr().strip()).startsWith("ERROR: Can't use commit hash as version, no git repository found in "
        + project.toRealPath()).doesNotContain("\tat ");
    assertThat(sextant(Map.of("VERSION", "v42"), "config").stdout()).contains(":version: v42\n");
  }

  @Test
  void mergedPrintsTheFilesAsWrittenWithoutSecrets() throws Exception {
    writeProject();

    Run run = sextant(Map.of(), "config", "--merged");

    assertThat(run.stderr()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.stdout()).contains("service: blog\n", "  jobs:\n    hosts:\n    - 10.1.0.2\n    cmd: bin/jobs\n",
        "  key_data:\n  - '[REDACTED]'\n").doesNotContain(PRIVATE_KEY, "it-registry-token-9931", ":roles:");
  }

  /**
   * A key Kamal accepts and Sextant does not act on prints one warning, once, on stderr, for {@code config} and for
   * a command that goes on to connect (here to a closed port on loopback, so it fails after the warning).
   */
  @Test
  void ignoredKeyWarnsOncePerCommand() throws Exception {
    Files.createDirectories(project.resolve("config"));
    Files.writeString(project.resolve("config/deploy.yml"), """
        service: blog
        image: acme/blog
        servers:
          - 127.0.0.1
        registry:
          username: acme
          password: literal
        ssh:
          port: 1
        sshkit:
          max_concurrent_starts: 5
        builder:
          arch: amd64
        """);
    String warning = "WARNING: sshkit/max_concurrent_starts is accepted but not supported by Sextant yet";

    Run config = sextant(Map.of("VERSION", "1"), "config");
    Run lock = sextant(Map.of("VERSION", "1"), "lock", "status");

    assertThat(config.exit()).isZero();
    assertThat(config.stderr().lines().filter(line -> line.startsWith(warning)).count()).isEqualTo(1);
    assertThat(config.stderr().lines().count()).isEqualTo(1);
    assertThat(lock.exit()).isEqualTo(1);
    assertThat(lock.stderr().lines().filter(line -> line.startsWith(warning)).count()).isEqualTo(1);
  }
}

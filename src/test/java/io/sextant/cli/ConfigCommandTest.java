package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.config.ConfigRequest;
import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sextant config} through {@link Main#run}, as a user runs it. */
class ConfigCommandTest {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private Result run(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.run(args);
      return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  /**
   * Kamal's own test "config" (https://github.com/basecamp/kamal/blob/v2.12.0/test/cli/main_test.rb#L517-L528) with
   * its fixture test/fixtures/deploy_simple.yml and version 999: roles, hosts, version, repository, absolute image
   * and service with version as asserted there; the other keys and their order from Configuration#to_h
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration.rb#L305-L321), Ssh#to_h (ssh.rb#L56-L66)
   * and Logging#args (logging.rb#L25-L32), written as Psych writes a hash with symbol keys.
   */
  @Test
  void printsWhatKamalConfigPrints() throws IOException {
    Path config = dir.resolve("deploy.yml");
    Files.writeString(config, "service: app\nimage: dhh/app\nservers:\n  - \"1.1.1.1\"\n  - \"1.1.1.2\"\n"
        + "registry:\n  username: user\n  password: pw\nbuilder:\n  arch: amd64\n");

    Result result = run("config", "-c", config.toString(), "--version", "999");

    assertThat(result.err()).isEmpty();
    assertThat(result.exit()).isZero();
    assertThat(result.out()).isEqualTo("""
        ---
        :roles:
        - web
        :hosts:
        - 1.1.1.1
        - 1.1.1.2
        :primary_host: 1.1.1.1
        :version: '999'
        :repository: dhh/app
        :absolute_image: dhh/app:999
        :service_with_version: app-999
        :volume_args: []
        :ssh_options:
          :user: root
          :port: 22
          :keepalive: true
          :keepalive_interval: 30
          :log_level: :fatal
        :sshkit: {}
        :builder:
          arch: amd64
        :logging:
        - "--log-opt"
        - max-size="10m"
        """);
  }

  @Test
  void printsTheMergedConfigurationForADestination() throws IOException {
    Path config = dir.resolve("deploy.yml");
    Files.writeString(config, "service: app\nimage: acme/app\nservers: [10.0.0.1]\n"
        + "registry: {username: u, password: literal-pw-1}\nbuilder: {arch: amd64}\n");
    Files.writeString(dir.resolve("deploy.beta.yml"), "servers: [10.2.0.1]\n");

    Result result = run("config", "--merged", "-c", config.toString(), "-d", "beta");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("service: app", "- 10.2.0.1", "password: '[REDACTED]'")
        .doesNotContain("10.0.0.1", "literal-pw-1");
  }

  @Test
  void invalidConfigurationExitsTwoWithOneLinePerProblem() throws IOException {
    Path config = dir.resolve("deploy.yml");
    Files.writeString(config, "service: app\nimage: acme/app\nservers: [10.0.0.1]\n"
        + "registry: {username: u, password: p}\nbuilder: {arch: amd64}\nbogus: 1\nboot: {limit: many}\n");

    Result result = run("-c", config.toString(), "config");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains(": bogus: unknown key", ": boot/limit: should be a number of hosts");
  }

  @Test
  void aFailingSecretsSubstitutionNeitherRunsNorFailsConfigAndLiteralSecretsStayRedacted() throws IOException {
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/deploy.yml"), "service: app\nimage: acme/app\nservers: [10.0.0.1]\n"
        + "registry: {username: u, password: [PW]}\nbuilder: {arch: amd64}\n"
        + "env: {clear: {SHOWN: lit-secret-77}, secret: [PW]}\n");
    Files.createDirectories(dir.resolve(".kamal"));
    Files.writeString(dir.resolve(".kamal/secrets"), "LIT=lit-secret-77\nPW=$(touch ran; exit 3)\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Verbosity.NORMAL);

    int merged = ConfigCommand.show(ConfigRequest.of(dir, Map.of("PATH", "/usr/bin:/bin")), true, console);
    int summary = ConfigCommand.show(ConfigRequest.of(dir, Map.of("PATH", "/usr/bin:/bin", "VERSION", "7")), false,
        console);

    assertThat(merged).isZero();
    assertThat(summary).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("SHOWN: '[REDACTED]'", ":version: '7'")
        .doesNotContain("lit-secret-77");
    assertThat(dir.resolve("ran")).as("the $(...) never ran").doesNotExist();
  }
}

package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.DeployConfig;
import io.sextant.config.ProxyConfig;
import io.sextant.config.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InitCommandTest {
  @TempDir Path dir;

  private String runInit(String... args) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(new InitCommand(dir));
    commandLine.setOut(new PrintWriter(out));
    assertThat(commandLine.execute(args)).isZero();
    return out.toString();
  }

  /**
   * Kamal's {@code init --bundle} (lib/kamal/cli/main.rb:147-184, test/cli/main_test.rb:661-672) creates the same
   * files, then adds the gem and {@code bin/kamal}: Sextant creates the files and says why it adds no gem.
   */
  @Test
  void bundleCreatesTheFilesAndSaysThereIsNoGemToAdd() throws Exception {
    Files.writeString(dir.resolve("Gemfile"), "source \"https://rubygems.org\"\n");
    String output = runInit("--bundle");
    assertThat(output.lines().toList()).containsExactly(
        "Created configuration file in config/deploy.yml",
        "Created .kamal/secrets file",
        "Created sample hooks in .kamal/hooks",
        "Not adding a gem to the Gemfile (--bundle): Sextant is a JVM tool, not a Ruby gem; run it as bin/sextant"
            + " from its folder (put that bin/ on your PATH)");
    assertThat(Files.readString(dir.resolve("Gemfile"))).isEqualTo("source \"https://rubygems.org\"\n");
    assertThat(dir.resolve("bin")).doesNotExist();
  }

  @Test
  void freshDirectoryGetsConfigSecretsAndAnExecutableSampleForEveryHook() throws Exception {
    String output = runInit();

    assertThat(output).isEqualTo(String.join(System.lineSeparator(),
        "Created configuration file in config/deploy.yml",
        "Created .kamal/secrets file",
        "Created sample hooks in .kamal/hooks", ""));
    assertThat(Files.readString(dir.resolve("config/deploy.yml"))).contains("service: my-app");
    assertThat(dir.resolve(".kamal/secrets")).isRegularFile();
    try (var files = Files.list(dir.resolve(".kamal/hooks"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(
              InitCommand.SAMPLE_HOOKS.stream().map(h -> h + ".sample").toList());
    }
    for (String hook : InitCommand.SAMPLE_HOOKS) {
      Path sample = dir.resolve(".kamal/hooks/" + hook + ".sample");
      assertThat(Files.getPosixFilePermissions(sample))
          .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
              PosixFilePermission.OTHERS_EXECUTE);
      assertThat(Files.readString(sample)).startsWith("#!/bin/sh\n").contains("KAMAL_VERSION");
    }
  }

  /** B7: Sextant's own files go into the project's .gitignore, once; a project without one does not get one. */
  @Test
  void sextantsOwnFilesAreAddedToAnExistingGitignoreOnce() throws Exception {
    Files.writeString(dir.resolve(".gitignore"), "/tmp\n*.log.old"); // no final newline
    assertThat(runInit()).endsWith("Added .kamal/hooks.log to .gitignore" + System.lineSeparator());
    assertThat(Files.readString(dir.resolve(".gitignore"))).isEqualTo("/tmp\n*.log.old\n.kamal/hooks.log\n");
    assertThat(runInit()).doesNotContain(".gitignore");
    assertThat(Files.readString(dir.resolve(".gitignore"))).isEqualTo("/tmp\n*.log.old\n.kamal/hooks.log\n");
  }

  @Test
  void noGitignoreIsCreated() {
    assertThat(runInit()).doesNotContain(".gitignore");
    assertThat(dir.resolve(".gitignore")).doesNotExist();
  }

  @Test
  void theConfigPutsTheWebRoleBehindKamalProxyAsKamalsTemplateDoes() throws Exception {
    runInit();
    // K:lib/kamal/cli/templates/deploy.yml:8-24 (servers web: [192.168.0.1]; proxy: ssl true, host app.example.com)
    DeployConfig config = ConfigLoader.load(new ConfigRequest(dir, null, null, "1", Map.of())).config();
    Role web = config.role("web").orElseThrow();
    assertThat(web.hostNames()).containsExactly("192.168.0.1");
    assertThat(config.runsProxy(web)).isTrue();
    ProxyConfig proxy = config.appProxy(web);
    assertThat(proxy.ssl()).isTrue();
    assertThat(proxy.hosts()).containsExactly("app.example.com");
    assertThat(proxy.appPort()).isEqualTo("80");
    assertThat(Files.readString(dir.resolve("config/deploy.yml"))).doesNotContain("proxy: false")
        .contains("  # app_port: 3000\n");
  }

  @Test
  void theConfigUsesTheLocalRegistryAsKamalsTemplateDoes() throws Exception {
    runInit();
    // K:lib/kamal/cli/templates/deploy.yml:27-28 (registry: server: localhost:5555); image my-user/my-app (line 5)
    DeployConfig config = ConfigLoader.load(new ConfigRequest(dir, null, null, "1", Map.of())).config();
    assertThat(config.registry().isLocal()).isTrue();
    assertThat(config.registry().localPort()).isEqualTo(5555);
    assertThat(config.registry().username()).isNull();
    assertThat(config.repository()).isEqualTo("localhost:5555/my-user/my-app");
  }

  @Test
  void everySampleIsValidShell() throws Exception {
    runInit();
    for (String hook : InitCommand.SAMPLE_HOOKS) {
      Process sh = new ProcessBuilder("sh", "-n", dir.resolve(".kamal/hooks/" + hook + ".sample").toString())
          .redirectErrorStream(true).start();
      assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(sh.exitValue()).as(hook + ": " + new String(sh.getInputStream().readAllBytes())).isZero();
    }
  }

  @Test
  void secondRunKeepsEveryFileAndPrintsKamalsMessage() throws Exception {
    runInit();
    Path config = dir.resolve("config/deploy.yml");
    Files.writeString(config, "service: mine\n");
    Files.writeString(dir.resolve(".kamal/secrets"), "MINE=1\n");
    Files.delete(dir.resolve(".kamal/hooks/pre-build.sample"));

    String output = runInit();

    assertThat(output).isEqualTo(
        "Config file already exists in config/deploy.yml (remove first to create a new one)"
            + System.lineSeparator());
    assertThat(Files.readString(config)).isEqualTo("service: mine\n");
    assertThat(Files.readString(dir.resolve(".kamal/secrets"))).isEqualTo("MINE=1\n");
    // Like Kamal: an existing hooks folder is left alone, even when samples are missing.
    assertThat(dir.resolve(".kamal/hooks/pre-build.sample")).doesNotExist();
  }
}

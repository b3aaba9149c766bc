package io.sextant.cli;

import io.sextant.testing.AgentMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box tests of the launcher {@code bin/sextant} and the built jar, run from another directory. */
class CliIT {
  @TempDir Path elsewhere;

  record Run(int exitCode, String stdout, String stderr) {}

  static Path launcher() {
    return Path.of(System.getProperty("sextant.root", ".")).toAbsolutePath().resolve("bin/sextant");
  }

  Run sextant(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    AgentMode.apply(builder.environment());
    Process process = builder.start();
    byte[] err = process.getErrorStream().readAllBytes();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void versionWorksFromAnotherDirectory() throws Exception {
    Run run = sextant("version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout().strip()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(run.stderr()).isEmpty();
  }

  /** A jar copied without its lib/ folder (BouncyCastle's signed jars): one line naming what is missing, exit 2. */
  @Test
  void aJarWithoutItsLibFolderIsRefusedWithOneLine() throws Exception {
    Path jar = java.nio.file.Files.copy(Path.of(System.getProperty("sextant.jar", "target/sextant.jar")),
        elsewhere.resolve("sextant.jar"));
    ProcessBuilder builder = new ProcessBuilder(launcher().toString(), "version").directory(elsewhere.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("SEXTANT_JAR", jar.toString());
    Process process = builder.start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(err.strip()).doesNotContain("\n").contains("BouncyCastle", elsewhere.resolve("lib").toString());
  }

  @Test
  void helpListsTheCommandsAndKamalsGlobalOptions() throws Exception {
    Run run = sextant("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).contains("version", "init", "--skip_hooks", "--destination", "--hosts",
        "--roles", "--primary", "--config-file");
  }

  /** Every command of the whole picocli tree (subcommands at every depth): {@code --help} shows its usage. */
  @Test
  void everyCommandHasHelp() throws Exception {
    picocli.CommandLine root = new picocli.CommandLine(new SextantCommand());
    for (Class<?> command : SextantCommand.SUBCOMMANDS) {
      root.addSubcommand(command);
    }
    List<String> paths = new ArrayList<>();
    collect(root, List.of(), paths);
    assertThat(paths).as("the command tree").hasSizeGreaterThan(SextantCommand.SUBCOMMANDS.size())
        .contains("app boot", "hooks run", "lock acquire", "prune all", "build deliver");
    for (String path : paths) {
      List<String> args = new ArrayList<>(List.of(path.split(" ")));
      args.add("--help");
      Run run = sextant(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(path).isZero();
      assertThat(run.stdout()).as(path).startsWith("Usage: sextant " + path);
      assertThat(run.stderr()).as(path).isEmpty();
    }
  }

  /** The command words of every command under {@code command}, depth first, by their main names. */
  private static void collect(picocli.CommandLine command, List<String> words, List<String> paths) {
    java.util.Set<picocli.CommandLine> seen = new java.util.LinkedHashSet<>(command.getSubcommands().values());
    for (picocli.CommandLine sub : seen) {
      List<String> path = new ArrayList<>(words);
      path.add(sub.getCommandName());
      paths.add(String.join(" ", path));
      collect(sub, path, paths);
    }
  }

  @Test
  void unknownOptionIsAUsageErrorWithExitCode2AndNoStackTrace() throws Exception {
    Run run = sextant("--no-such-flag");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("Unknown option: '--no-such-flag'").doesNotContain("at io.sextant");
  }

  /** Kamal's {@code docs [SECTION]} (lib/kamal/cli/main.rb:134-144, test/cli/main_test.rb:712-728). */
  @Test
  void docsPrintsTheReferenceOfASectionAndRefusesAnUnknownOne() throws Exception {
    Run top = sextant("docs");
    assertThat(top.exitCode()).isZero();
    assertThat(top.stdout()).startsWith("# Configuration").contains("sextant docs SECTION");
    Run proxy = sextant("docs", "proxy");
    assertThat(proxy.exitCode()).isZero();
    assertThat(proxy.stdout()).startsWith("# proxy").contains("`app_port`", "```yaml");
    Run unknown = sextant("docs", "foo");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stdout()).isEmpty();
    assertThat(unknown.stderr().strip()).startsWith("ERROR: No documentation found for foo").doesNotContain("\n");
  }

  @Test
  void initWritesIntoTheWorkingDirectory() throws Exception {
    Run run = sextant("init");
    assertThat(run.exitCode()).isZero();
    assertThat(elsewhere.resolve("config/deploy.yml")).isRegularFile();
    assertThat(elsewhere.resolve(".kamal/hooks/post-deploy-failure.sample")).isExecutable();
  }
}

package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.config.OwnFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/**
 * {@code sextant init}: Kamal's {@code init}
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L148-L185) with its messages to the letter.
 * Paths are fixed and relative to the working directory; nothing that exists is overwritten. Needs no configuration,
 * SSH or YAML. Beyond Kamal (B7): the files Sextant writes in the work tree ({@link OwnFiles}) are added to the
 * project's {@code .gitignore} when it has one (none is created).
 */
@Command(name = "init", description = "Create config/deploy.yml, .kamal/secrets and sample hooks in .kamal/hooks.")
public final class InitCommand extends BaseCommand {
  static final String CONFIG = "config/deploy.yml";
  static final String SECRETS = ".kamal/secrets";
  static final String HOOKS = ".kamal/hooks";

  /** Every hook point Sextant knows: Kamal's nine plus our post-deploy-failure. */
  static final List<String> SAMPLE_HOOKS = List.of(
      "pre-connect", "pre-build", "pre-deploy", "post-deploy", "post-deploy-failure", "docker-setup", "docker-install",
      "pre-app-boot", "post-app-boot", "pre-app-remove", "post-app-remove", "pre-proxy-reboot", "post-proxy-reboot");

  /** Kamal's {@code --bundle} adds the kamal gem to the Gemfile and a {@code bin/kamal} binstub (main.rb#L147). */
  @picocli.CommandLine.Option(names = "--bundle",
      description = "Kamal adds its gem to the Gemfile; Sextant is no gem: it says so and creates the files alone.")
  boolean bundle;

  private final Path workingDir;

  public InitCommand() {
    this(io.sextant.invocation.Invocation.current().workingDir());
  }

  InitCommand(Path workingDir) {
    this.workingDir = workingDir;
  }

  @Override
  protected int execute() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      Path config = workingDir.resolve(CONFIG);
      if (Files.exists(config)) {
        out.println("Config file already exists in " + CONFIG + " (remove first to create a new one)");
      } else {
        copy("deploy.yml", config, false);
        out.println("Created configuration file in " + CONFIG);
      }

      Path secrets = workingDir.resolve(SECRETS);
      if (!Files.exists(secrets)) {
        copy("secrets", secrets, false);
        out.println("Created " + SECRETS + " file");
      }

      Path hooks = workingDir.resolve(HOOKS);
      if (!Files.exists(hooks)) {
        for (String hook : SAMPLE_HOOKS) {
          copy("hooks/" + hook + ".sample", hooks.resolve(hook + ".sample"), true);
        }
        out.println("Created sample hooks in " + HOOKS);
      }

      if (bundle) { // where Kamal runs `bundle add kamal` and `bundle binstubs kamal`
        out.println("Not adding a gem to the Gemfile (--bundle): Sextant is a JVM tool, not a Ruby gem; "
            + "run it as bin/sextant from its folder (put that bin/ on your PATH)");
      }

      Path gitignore = workingDir.resolve(".gitignore");
      if (Files.isRegularFile(gitignore)) {
        for (String added : ignoreOwnFiles(gitignore)) {
          out.println("Added " + added + " to .gitignore");
        }
      }
    } catch (UncheckedIOException e) {
      throw new SextantException("init: " + e.getMessage(), SextantException.COMMAND_FAILED, e);
    }
    out.flush();
    return 0;
  }

  /** Appends each of Sextant's files that {@code .gitignore} does not list yet; returns those appended. */
  static List<String> ignoreOwnFiles(Path gitignore) {
    try {
      String text = Files.readString(gitignore, StandardCharsets.UTF_8);
      Set<String> listed = text.lines().map(String::strip).collect(Collectors.toSet());
      List<String> missing = OwnFiles.IN_WORK_TREE.stream()
          .filter(file -> !listed.contains(file) && !listed.contains("/" + file)).toList();
      if (!missing.isEmpty()) {
        String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
        Files.writeString(gitignore, separator + String.join("\n", missing) + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.APPEND);
      }
      return missing;
    } catch (IOException e) {
      throw new UncheckedIOException(gitignore + ": " + e.getMessage(), e);
    }
  }

  private static void copy(String template, Path target, boolean executable) {
    try (InputStream in = InitCommand.class.getResourceAsStream("/io/sextant/init/" + template)) {
      if (in == null) {
        throw new IllegalStateException("missing template in the jar: " + template);
      }
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.copy(in, target);
      if (executable) {
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(target + ": " + e.getMessage(), e);
    }
  }
}

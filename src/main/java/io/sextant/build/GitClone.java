package io.sextant.build;

import io.sextant.commands.BuilderCommands;
import io.sextant.commands.CloneCommands;
import io.sextant.console.Console;
import io.sextant.process.LocalCommand;
import io.sextant.process.OutputListener;
import io.sextant.process.ProcessResult;
import io.sextant.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prepares Kamal's build clone (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build/clone.rb): clones
 * the repository into {@link CloneCommands#cloneDirectory()} when it is not there, else resets the clone to the
 * revision; then checks that the clone is clean and on the revision. When any of that fails, the clone directory is
 * deleted and cloned afresh, once. The directory is kept between builds, so the next one only fetches.
 */
final class GitClone {
  private final ProcessRunner runner;
  private final Console console;
  private final Path workingDirectory;
  private final CloneCommands commands;
  private final String revision;

  GitClone(ProcessRunner runner, Console console, Path workingDirectory, CloneCommands commands, String revision) {
    this.runner = runner;
    this.console = console;
    this.workingDirectory = workingDirectory;
    this.commands = commands;
    this.revision = revision;
  }

  /** A failed step, with what git said. */
  private static final class CloneFailure extends RuntimeException {
    CloneFailure(String message) {
      super(message, null, false, false);
    }
  }

  /** Leaves a clean clone at the revision in {@link CloneCommands#buildDirectory()}. */
  void prepare() {
    try {
      try {
        cloneRepository();
      } catch (CloneFailure e) {
        if (!e.getMessage().contains(CloneCommands.ALREADY_CLONED)) {
          throw new CloneFailure("Failed to clone repo: " + e.getMessage());
        }
        reset();
      }
      validate();
    } catch (CloneFailure e) {
      console.error("Error preparing clone: " + e.getMessage() + ", deleting and retrying...");
      deleteTree(Path.of(commands.cloneDirectory()));
      try {
        cloneRepository();
        validate();
      } catch (CloneFailure again) {
        throw new BuildException("Preparing the build clone in " + commands.buildDirectory() + " failed: "
            + again.getMessage());
      }
    }
  }

  private void cloneRepository() {
    console.info("Cloning repo into build directory `" + commands.buildDirectory() + "`...");
    try {
      Files.createDirectories(Path.of(commands.cloneDirectory()));
    } catch (IOException e) {
      throw new BuildException("Cannot create the build clone's directory " + commands.cloneDirectory() + ": "
          + e.getMessage());
    }
    run(commands.cloneRepository());
  }

  private void reset() {
    console.info("Resetting local clone as `" + commands.buildDirectory() + "` already exists...");
    try {
      commands.resetSteps(revision).forEach(this::run);
    } catch (CloneFailure e) {
      throw new CloneFailure("Failed to clone repo: " + e.getMessage());
    }
  }

  private void validate() {
    String status = check(commands.status()).strip();
    if (!status.isEmpty()) {
      throw new CloneFailure("Clone in " + commands.buildDirectory() + " is dirty, " + status);
    }
    String cloned = check(commands.revision()).strip();
    if (!cloned.equals(revision)) {
      throw new CloneFailure("Clone in " + commands.buildDirectory() + " is not on the correct revision, expected `"
          + revision + "` but got `" + cloned + "`");
    }
  }

  private String check(List<String> words) {
    try {
      return run(words);
    } catch (CloneFailure e) {
      throw new CloneFailure("Failed to validate clone: " + e.getMessage());
    }
  }

  /** Runs one of Kamal's git lines through {@code sh -c}; its stdout, or a {@link CloneFailure} with git's words. */
  private String run(List<String> words) {
    String line = BuilderCommands.line(words);
    console.debug("Running " + line);
    ProcessResult result = runner.run(LocalCommand.of("sh", "-c", line).in(workingDirectory),
        (stderr, text) -> console.debug("  " + text));
    if (!result.succeeded()) {
      String said = (result.stderr() + "\n" + result.stdout()).strip();
      throw new CloneFailure(said.isEmpty() ? "`" + line + "` exited " + result.exitCode() : said.lines()
          .filter(text -> !text.isBlank()).reduce((first, second) -> first + " " + second).orElse(said));
    }
    return result.stdout();
  }

  private static void deleteTree(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new BuildException("Cannot delete the broken build clone " + directory + ": " + e.getMessage());
    }
  }
}

package io.sextant.build;

import io.sextant.commands.ContextFilesCommands;
import io.sextant.commands.GitCommands;
import io.sextant.console.Console;
import io.sextant.process.LocalCommand;
import io.sextant.process.OutputListener;
import io.sextant.process.ProcessResult;
import io.sextant.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code build dev}'s warnings (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build.rb#L132-L148):
 * the files with uncommitted changes, and the untracked files, that the build context includes, so they end up in
 * the dev image. Git names the files; Docker, {@code .dockerignore} applied, says which of them it would send.
 */
final class DevBuildWarnings {
  private final ProcessRunner runner;
  private final Console console;
  private final Path workingDirectory;

  DevBuildWarnings(ProcessRunner runner, Console console, Path workingDirectory) {
    this.runner = runner;
    this.console = console;
    this.workingDirectory = workingDirectory;
  }

  /** Prints the warnings (nothing when the context holds no such file). */
  void print() {
    List<String> uncommitted = git(GitCommands.uncommittedFiles());
    List<String> untracked = git(GitCommands.untrackedFiles());
    if (uncommitted.isEmpty() && untracked.isEmpty()) {
      return; // nothing to warn about whatever the context holds: Docker need not be asked
    }
    Set<String> included = contextFiles();
    warn("WARNING: Files with uncommitted changes will be present in the dev container:",
        inContext(included, uncommitted));
    warn("WARNING: Untracked files will be present in the dev container:", inContext(included, untracked));
  }

  private void warn(String heading, Set<String> files) {
    if (files.isEmpty()) {
      return;
    }
    console.info(heading);
    files.forEach(file -> console.info("  " + file));
    console.info("");
  }

  /** Git's list of files, relative to the working directory like Docker's; none outside git. */
  private List<String> git(List<String> command) {
    ProcessResult result = runner.run(LocalCommand.of(command).in(workingDirectory), OutputListener.NONE);
    return result.succeeded() ? result.stdout().lines().map(String::strip).filter(line -> !line.isEmpty()).toList()
        : List.of();
  }

  private static Set<String> inContext(Set<String> included, List<String> files) {
    Set<String> found = new TreeSet<>(files);
    found.retainAll(included);
    return found;
  }

  /** Every regular file Docker would send from the working directory ({@code .dockerignore} applied). */
  private Set<String> contextFiles() {
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("sextant-context-");
      Path dockerfile = Files.writeString(scratch.resolve("Dockerfile"), ContextFilesCommands.DOCKERFILE);
      Path export = scratch.resolve("context");
      List<String> argv = ContextFilesCommands.exportContext(dockerfile, export);
      console.debug("Running " + String.join(" ", argv) + " in " + workingDirectory);
      ProcessResult result = runner.run(LocalCommand.of(argv).in(workingDirectory), OutputListener.NONE);
      if (!result.succeeded()) {
        throw new BuildException("Listing the files of the build context failed (`" + String.join(" ", argv)
            + "`): " + console.redacted(result.tail(5)));
      }
      Set<String> files = new TreeSet<>();
      if (Files.isDirectory(export)) {
        try (Stream<Path> paths = Files.walk(export)) {
          paths.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
              .forEach(path -> files.add(export.relativize(path).toString()));
        }
      }
      return files;
    } catch (IOException e) {
      throw new BuildException("Listing the files of the build context failed: " + e.getMessage());
    } finally {
      deleteQuietly(scratch);
    }
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary copy of the context is harmless; the warning is what matters.
    }
  }
}

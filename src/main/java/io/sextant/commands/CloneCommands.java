package io.sextant.commands;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The git-clone build's directories and local command lines, as Kamal 2.12 names and runs them, so a clone Kamal
 * made is reused by Sextant and the other way round. Directories:
 * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration/builder.rb#L142-L153 and #L203-L213;
 * commands: https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/builder/clone.rb. Paths in the
 * commands are escaped as Ruby's {@code shellescape} does; the commands run as {@code sh -c <joined words>}.
 *
 * @param service {@code service}
 * @param workingDirectory where Sextant runs (Kamal's {@code Dir.pwd}: a real path, symlinks resolved)
 * @param gitRoot {@code git rev-parse --show-toplevel} of the working directory
 * @param temporaryDirectory Ruby's {@code Dir.tmpdir} ({@code $TMPDIR}, else {@code /tmp})
 */
public record CloneCommands(String service, Path workingDirectory, Path gitRoot, Path temporaryDirectory) {
  /** What {@code git clone} says when the clone is already there: Kamal then resets it. */
  public static final String ALREADY_CLONED = "already exists and is not an empty directory";

  public CloneCommands {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(gitRoot, "gitRoot");
    Objects.requireNonNull(temporaryDirectory, "temporaryDirectory");
  }

  /** {@code <tmpdir>/kamal-clones/<service>-<first 13 hex digits of the SHA-256 of the working directory>}. */
  public String cloneDirectory() {
    return temporaryDirectory + "/kamal-clones/" + service + "-" + pwdDigest();
  }

  /**
   * Where the build runs: the working directory's counterpart inside the clone, as Ruby's {@code File.join} writes
   * it (with a trailing {@code /} when the working directory is the repository's root).
   */
  public String buildDirectory() {
    String pwd = workingDirectory.toString();
    String root = gitRoot.toString();
    String relative = pwd.startsWith(root) ? pwd.substring(root.length()) : pwd; // Ruby's delete_prefix
    String repository = cloneDirectory() + "/" + gitRoot.getFileName();
    return repository + (relative.startsWith("/") ? "" : "/") + relative;
  }

  /** {@code git -C <clone dir> clone <root> --recurse-submodules} (the clone lands in {@code <clone dir>/<repo>}). */
  public List<String> cloneRepository() {
    return List.of("git", "-C", Shell.rubyEscape(cloneDirectory()), "clone", escapedRoot(), "--recurse-submodules");
  }

  /** Brings an existing clone to {@code revision}: origin, fetch, hard reset, clean, submodules, gc. */
  public List<List<String>> resetSteps(String revision) {
    return List.of(
        inBuildDirectory("remote", "set-url", "origin", escapedRoot()),
        inBuildDirectory("fetch", "origin"),
        inBuildDirectory("reset", "--hard", revision),
        inBuildDirectory("clean", "-fdx"),
        inBuildDirectory("submodule", "update", "--init"),
        inBuildDirectory("gc", "--auto", "--quiet"));
  }

  /** The clone's uncommitted changes (must be none). */
  public List<String> status() {
    return inBuildDirectory("status", "--porcelain");
  }

  /** The clone's revision (must be the working directory's). */
  public List<String> revision() {
    return inBuildDirectory("rev-parse", "HEAD");
  }

  private List<String> inBuildDirectory(String... args) {
    List<String> words = new java.util.ArrayList<>(List.of("git", "-C", Shell.rubyEscape(buildDirectory())));
    words.addAll(List.of(args));
    return List.copyOf(words);
  }

  private String escapedRoot() {
    return Shell.rubyEscape(gitRoot.toString());
  }

  private String pwdDigest() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(workingDirectory.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 13);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

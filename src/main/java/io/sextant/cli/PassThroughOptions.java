package io.sextant.cli;

import picocli.CommandLine;

/**
 * For the commands that take a command line of their own ({@code server exec}, {@code app exec}): a word that looks
 * like an option but is none of theirs is a word of that command line, so {@code server exec uname -a} runs
 * {@code uname -a}. Kamal's parser (Thor) does the same; as there, the tool's own options are still taken wherever
 * they stand ({@code -p}, {@code -v}, {@code --raw}...); unlike there, {@code --} makes every word after it the
 * command's.
 */
final class PassThroughOptions {
  private PassThroughOptions() {}

  /** Marks a command whose unknown options are words of its command line. */
  interface Command {}

  /**
   * Sets the parser of every marked command under {@code root}. Done once the tree is built: picocli copies the
   * root's parser settings into a subcommand when it is added, over anything the subcommand set for itself.
   */
  static void enable(CommandLine root) {
    if (root.getCommandSpec().userObject() instanceof Command) {
      root.getCommandSpec().parser().unmatchedOptionsArePositionalParams(true);
    }
    root.getSubcommands().values().stream().distinct().forEach(PassThroughOptions::enable);
  }
}

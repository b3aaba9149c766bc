package io.sextant.cli;

import picocli.CommandLine.Command;

/** {@code sextant version}: the tool's own version (not the app's). */
@Command(name = "version", description = "Show the Sextant version.")
public final class VersionCommand extends BaseCommand {
  @Override
  protected int execute() {
    spec.commandLine().getOut().println(Main.toolVersion());
    spec.commandLine().getOut().flush();
    return 0;
  }
}

package io.sextant.cli;

import picocli.CommandLine.Command;

/**
 * {@code sextant secrets fetch | extract | print}
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/secrets.rb).
 */
@Command(name = "secrets", description = "Fetch secrets from a vault, extract one, or print the resolved secrets.",
    subcommands = {SecretsFetchCommand.class, SecretsExtractCommand.class, SecretsPrintCommand.class})
public final class SecretsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

package io.sextant.cli;

import io.sextant.secrets.SecretsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets extract NAME JSON}: one secret from {@code secrets fetch}'s output, by name or name suffix. */
@Command(name = "extract", description = "Extract a single secret from the results of a fetch call.")
public final class SecretsExtractCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name (or the part after a '/').")
  String name;

  @Parameters(index = "1", paramLabel = "SECRETS", description = "The JSON printed by secrets fetch.")
  String secrets;

  @Option(names = "--inline", hidden = true, description = "Accepted for $(...) in secrets files.")
  boolean inline;

  @Override
  protected int execute() {
    console().result(SecretsJson.extract(name, secrets));
    return 0;
  }
}

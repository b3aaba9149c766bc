package io.sextant.cli;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigPrinter;
import io.sextant.config.ConfigRequest;
import io.sextant.config.IgnoredKeys;
import io.sextant.config.LoadedConfig;
import io.sextant.config.Secrets;
import io.sextant.console.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sextant config}: load and validate the configuration (with {@code -d}), then print what {@code kamal config}
 * prints (its summary, as Ruby's YAML), or with {@code --merged} the merged configuration; secrets redacted in both.
 * No SSH, no hooks, and no {@code $(...)} of the secrets files runs.
 */
@Command(name = "config", description = "Show the configuration as `kamal config` does (secrets redacted).")
public final class ConfigCommand extends BaseCommand {
  @Option(names = "--merged", description = "Print the merged configuration files (after ERB and -d) instead.")
  boolean merged;

  @Override
  protected int execute() {
    GlobalOptions options = global();
    ConfigRequest request = new ConfigRequest(io.sextant.invocation.Invocation.current().workingDir(),
        options.configFile(), options.destination(), options.version(), io.sextant.invocation.Invocation.current().environment());
    return show(request, merged, console());
  }

  /**
   * Loads {@code request} and prints Kamal's summary of it (or, {@code merged}, the merged configuration) on
   * {@code console}; returns the exit code.
   */
  static int show(ConfigRequest request, boolean merged, Console console) {
    LoadedConfig loaded = ConfigLoader.load(request);
    IgnoredKeys.warnings(loaded.config()).forEach(console::error);
    // As `kamal config`: no secrets file command runs; the values written literally are redacted.
    Secrets secrets = loaded.secretsForRedaction();
    console.redact(secrets.values());
    String yaml = merged ? ConfigPrinter.toYaml(loaded.config(), secrets)
        : ConfigPrinter.summaryYaml(loaded.config(), loaded.version(), secrets);
    console.result(yaml.stripTrailing());
    return 0;
  }
}

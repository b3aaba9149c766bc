package io.sextant.cli;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigPrinter;
import io.sextant.config.ConfigRequest;
import io.sextant.config.LoadedConfig;
import io.sextant.config.Secrets;
import io.sextant.console.Console;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/**
 * {@code sextant config}: load and validate the configuration (with {@code -d}), then print it merged, as YAML,
 * secrets redacted. No SSH, no hooks, and no {@code $(...)} of the secrets files runs.
 */
@Command(name = "config", description = "Show the merged configuration (secrets redacted).")
public final class ConfigCommand extends BaseCommand {
  @Override
  protected int execute() {
    GlobalOptions options = global();
    ConfigRequest request = new ConfigRequest(Path.of("").toAbsolutePath(), options.configFile(),
        options.destination(), options.version(), System.getenv());
    return show(request, console());
  }

  /** Loads {@code request} and prints the merged configuration on {@code console}; returns the exit code. */
  static int show(ConfigRequest request, Console console) {
    LoadedConfig loaded = ConfigLoader.load(request);
    // As `kamal config`: no secrets file command runs; the values written literally are redacted.
    Secrets secrets = loaded.secretsForRedaction();
    console.redact(secrets.values());
    console.result(ConfigPrinter.toYaml(loaded.config(), secrets).stripTrailing());
    return 0;
  }
}

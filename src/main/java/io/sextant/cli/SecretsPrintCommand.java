package io.sextant.cli;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.LoadedConfig;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code secrets print}: every resolved secret as {@code KEY=value}, values in clear, for debugging, as Kamal prints
 * them. The secrets files' {@code $(...)} run; a failed one fails this command naming its key.
 */
@Command(name = "print", description = "Print the secrets (for debugging: values are shown).")
public final class SecretsPrintCommand extends BaseCommand {
  @Override
  protected int execute() {
    GlobalOptions options = global();
    LoadedConfig loaded = ConfigLoader.load(new ConfigRequest(io.sextant.invocation.Invocation.current().workingDir(),
        options.configFile(), options.destination(), options.version(), io.sextant.invocation.Invocation.current().environment()));
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> secret : loaded.secrets().asMap().entrySet()) {
      out.append(out.length() == 0 ? "" : "\n").append(secret.getKey()).append('=').append(secret.getValue());
    }
    if (out.length() > 0) {
      console().result(out.toString());
    }
    return 0;
  }
}

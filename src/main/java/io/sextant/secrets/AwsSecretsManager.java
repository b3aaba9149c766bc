package io.sextant.secrets;

import io.sextant.commands.VaultCommands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * AWS Secrets Manager through {@code aws}
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/adapters/aws_secrets_manager.rb): a JSON object
 * secret gives {@code <name>/<key>} per key, anything else {@code <name>}; {@code --account} is the profile.
 */
final class AwsSecretsManager extends SecretsAdapter {
  AwsSecretsManager(VendorCli cli) {
    super(cli, VaultCommands.versionProbe("aws"), "AWS CLI is not installed", false);
  }

  @Override
  protected String login(String account) {
    return null;
  }

  @Override
  protected Map<String, String> fetchSecrets(List<String> secrets, String from, String account, String session) {
    VendorCli.Result result = cli.run(VaultCommands.awsBatchGet(prefixed(secrets, from), account));
    if (!result.succeeded()) {
      throw new VaultException("Could not read " + result.output() + " from AWS Secrets Manager");
    }
    Map<String, Object> json = Json.object(result.output(), "aws secretsmanager batch-get-secret-value");
    if (json.get("Errors") instanceof List<?> errors && !errors.isEmpty()) {
      throw new VaultException(errors.stream().map(error -> (Map<?, ?>) error)
          .map(error -> error.get("SecretId") + ": " + error.get("Message")).collect(Collectors.joining(" ")));
    }
    Map<String, String> results = new LinkedHashMap<>();
    List<?> values = json.get("SecretValues") instanceof List<?> list ? list : List.of();
    for (Object value : values) {
      Map<?, ?> secret = (Map<?, ?>) value;
      String name = String.valueOf(secret.get("Name"));
      String text = String.valueOf(secret.get("SecretString"));
      if (!looksLikeJson(text)) {
        results.put(name, text);
        continue;
      }
      Object parsed;
      try {
        parsed = Json.parse(text, name);
      } catch (VaultException notJson) {
        results.put(name, text);
        continue;
      }
      if (parsed instanceof Map<?, ?> keys) {
        keys.forEach((key, keyValue) -> results.put(name + "/" + key, Json.text(keyValue)));
      } else if (parsed instanceof String || parsed instanceof Number || parsed instanceof Boolean
          || parsed instanceof List<?>) {
        // A bare JSON value: Kamal keeps a string as it is and writes anything else back as JSON
        results.put(name, Json.text(parsed));
      }
    }
    return results;
  }

  /** YAML reads far more than JSON (a bare word is a string to it): only JSON-looking text is parsed as JSON. */
  private static boolean looksLikeJson(String text) {
    String trimmed = text.strip();
    return trimmed.startsWith("\"") || trimmed.startsWith("[") || trimmed.startsWith("{")
        || trimmed.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?|true|false|null");
  }
}

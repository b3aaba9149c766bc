package io.sextant.secrets;

import io.sextant.commands.JsonText;
import java.util.Map;

/**
 * The JSON passed between {@code secrets fetch} and {@code secrets extract}
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/secrets.rb).
 */
public final class SecretsJson {
  private SecretsJson() {}

  /** {@code secrets} as Ruby's {@code JSON.dump} writes a hash: {@code {"A":"1","B":"2"}}. */
  public static String write(Map<String, String> secrets) {
    return JsonText.write(secrets);
  }

  /** The value of {@code name} in {@code json}, else of the first key ending in {@code /name}. */
  public static String extract(String name, String json) {
    Map<String, Object> secrets = Json.object(json, "secrets fetch");
    Object value = secrets.get(name);
    if (value == null) {
      value = secrets.entrySet().stream().filter(entry -> entry.getKey().endsWith("/" + name))
          .map(Map.Entry::getValue).findFirst().orElse(null);
    }
    if (value == null) {
      throw new VaultException("Could not find secret " + name);
    }
    return Json.text(value);
  }
}

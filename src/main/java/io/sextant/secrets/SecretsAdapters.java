package io.sextant.secrets;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --adapter NAME} to an adapter as Kamal looks it up
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/adapters.rb): the aliases {@code 1password},
 * {@code lastpass}, {@code gcp} and {@code bitwarden-sm} in any case, otherwise the name camelized as Ruby does
 * ({@code aws_secrets_manager} ⇒ {@code AwsSecretsManager}).
 */
public final class SecretsAdapters {
  private static final Map<String, String> ALIASES = Map.of("1password", "one_password", "lastpass", "last_pass",
      "gcp", "gcp_secret_manager", "bitwarden-sm", "bitwarden_secrets_manager");
  private static final Pattern WORD = Pattern.compile("(?:_|(/))([a-z\\d]*)");

  private SecretsAdapters() {}

  /** The adapter named {@code name}; {@code environment} supplies {@code DOPPLER_TOKEN}. */
  public static SecretsAdapter lookup(String name, VendorCli cli, Function<String, String> environment) {
    String resolved = ALIASES.getOrDefault(name.toLowerCase(Locale.ROOT), name);
    return switch (camelize(resolved)) {
      case "OnePassword" -> new OnePassword(cli);
      case "Bitwarden" -> new Bitwarden(cli);
      case "BitwardenSecretsManager" -> new BitwardenSecretsManager(cli);
      case "LastPass" -> new LastPass(cli);
      case "AwsSecretsManager" -> new AwsSecretsManager(cli);
      case "Doppler" -> new Doppler(cli, environment.apply("DOPPLER_TOKEN"));
      case "GcpSecretManager" -> new GcpSecretManager(cli);
      case "Enpass" -> new Enpass(cli);
      case "Passbolt" -> new Passbolt(cli);
      case "Test" -> new TestAdapter();
      default -> throw new io.sextant.SextantException("Unknown secrets adapter: " + resolved,
          io.sextant.SextantException.USAGE_OR_CONFIG);
    };
  }

  /** ActiveSupport's {@code camelize}: first letter up, each {@code _x} ⇒ {@code X}. */
  static String camelize(String name) {
    if (name.isEmpty()) {
      return name;
    }
    String head = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    Matcher matcher = WORD.matcher(head);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String word = matcher.group(2);
      String capitalized = word.isEmpty() ? "" : Character.toUpperCase(word.charAt(0)) + word.substring(1);
      matcher.appendReplacement(out, Matcher.quoteReplacement((matcher.group(1) == null ? "" : "::") + capitalized));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}

package io.sextant.secrets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kamal's {@code test} adapter (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/adapters/test.rb):
 * no vendor CLI, each secret's value is its name reversed ({@code LPAREN}/{@code RPAREN} as parentheses).
 */
final class TestAdapter extends SecretsAdapter {
  TestAdapter() {
    super(line -> new VendorCli.Result(0, ""), null, null, true);
  }

  @Override
  protected String login(String account) {
    return null;
  }

  @Override
  protected Map<String, String> fetchSecrets(List<String> secrets, String from, String account, String session) {
    Map<String, String> results = new LinkedHashMap<>();
    for (String secret : prefixed(secrets, from)) {
      results.put(secret, new StringBuilder(secret.replace("LPAREN", "(").replace("RPAREN", ")")).reverse().toString());
    }
    return results;
  }
}

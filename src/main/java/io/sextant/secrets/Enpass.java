package io.sextant.secrets;

import io.sextant.commands.VaultCommands;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enpass's {@code enpass-cli} (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/adapters/enpass.rb):
 * offline, no account; {@code --from} is the vault's path, secrets are {@code Title} or {@code Title/Label}.
 */
final class Enpass extends SecretsAdapter {
  Enpass(VendorCli cli) {
    super(cli, VaultCommands.enpassVersionProbe(), "Enpass CLI is not installed", false);
  }

  @Override
  protected String login(String account) {
    return null;
  }

  @Override
  protected Map<String, String> fetchSecrets(List<String> secrets, String from, String account, String session) {
    Set<String> titles = new LinkedHashSet<>();
    for (String secret : secrets) {
      int slash = secret.lastIndexOf('/');
      titles.add(slash <= 0 ? secret.substring(slash + 1) : secret.substring(0, slash));
    }
    String output = cli.run(VaultCommands.enpassShow(from == null ? "" : from, List.copyOf(titles))).output().strip();
    Map<String, String> results = new LinkedHashMap<>();
    for (Object entry : Json.array(output, "enpass-cli show")) {
      Map<?, ?> item = (Map<?, ?>) entry;
      String title = item.get("title") == null ? null : item.get("title").toString();
      String label = item.get("label") == null ? "" : item.get("label").toString();
      String password = item.get("password") == null ? "" : item.get("password").toString();
      if (title == null || password.isBlank()) {
        continue;
      }
      String key = label.isEmpty() ? title : title + "/" + label;
      if (secrets.contains(title) || secrets.contains(key)) {
        if (results.containsKey(key)) {
          throw new VaultException(key + " is present more than once");
        }
        results.put(key, password);
      }
    }
    return results;
  }
}

package io.sextant.secrets;

import io.sextant.commands.VaultCommands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** LastPass's {@code lpass} (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/adapters/last_pass.rb). */
final class LastPass extends SecretsAdapter {
  LastPass(VendorCli cli) {
    super(cli, VaultCommands.versionProbe("lpass"), "LastPass CLI is not installed", true);
  }

  @Override
  protected String login(String account) {
    String status = cli.run(VaultCommands.lpassStatus()).output().strip();
    if (!status.equals("Logged in as " + account + ".")) {
      require(VaultCommands.lpassLogin(account), "Failed to login to LastPass");
    }
    return null;
  }

  @Override
  protected Map<String, String> fetchSecrets(List<String> secrets, String from, String account, String session) {
    List<String> names = prefixed(secrets, from);
    VendorCli.Result result = cli.run(VaultCommands.lpassShow(names));
    if (!result.succeeded()) {
      throw new VaultException("Could not read " + inspect(names) + " from LastPass");
    }
    Map<String, String> results = new LinkedHashMap<>();
    for (Object item : Json.array(result.output(), "lpass show")) {
      Map<?, ?> json = (Map<?, ?>) item;
      results.put(String.valueOf(json.get("fullname")), Json.text(json.get("password")));
    }
    List<String> missing = names.stream().filter(name -> !results.containsKey(name)).toList();
    if (!missing.isEmpty()) {
      throw new VaultException("Could not find " + String.join(", ", missing) + " in LastPass");
    }
    return results;
  }
}

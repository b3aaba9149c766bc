package io.sextant.secrets;

import io.sextant.commands.VaultCommands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bitwarden Secrets Manager's {@code bws}
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/adapters/bitwarden_secrets_manager.rb): secret
 * ids, {@code all}, or {@code <project>/all}.
 */
final class BitwardenSecretsManager extends SecretsAdapter {
  BitwardenSecretsManager(VendorCli cli) {
    super(cli, VaultCommands.versionProbe("bws"), "Bitwarden Secrets Manager CLI is not installed", false);
  }

  @Override
  protected String login(String account) {
    require(VaultCommands.bwsProjectList(),
        "Could not authenticate to Bitwarden Secrets Manager. Did you set a valid access token?");
    return null;
  }

  @Override
  protected Map<String, String> fetchSecrets(List<String> secrets, String from, String account, String session) {
    if (secrets.isEmpty()) {
      throw new VaultException("You must specify what to retrieve from Bitwarden Secrets Manager");
    }
    List<String> ids = prefixed(secrets, from);
    Map<String, String> results = new LinkedHashMap<>();
    String list = null;
    if (ids.size() == 1 && ids.get(0).equals("all")) {
      list = VaultCommands.bwsSecretList(null);
    } else if (ids.size() == 1 && ids.get(0).endsWith("/all")) {
      list = VaultCommands.bwsSecretList(ids.get(0).substring(0, ids.get(0).indexOf("/all")));
    }
    if (list == null) {
      for (String id : ids) {
        VendorCli.Result result = cli.run(VaultCommands.bwsSecretGet(id));
        if (!result.succeeded()) {
          throw new VaultException("Could not read " + id + " from Bitwarden Secrets Manager");
        }
        Map<String, Object> json = Json.object(result.output(), "bws secret get");
        results.put(String.valueOf(json.get("key")), Json.text(json.get("value")));
      }
    } else {
      VendorCli.Result result = cli.run(list);
      if (!result.succeeded()) {
        throw new VaultException("Could not read secrets from Bitwarden Secrets Manager");
      }
      for (Object item : Json.array(result.output(), "bws secret list")) {
        Map<?, ?> json = (Map<?, ?>) item;
        results.put(String.valueOf(json.get("key")), Json.text(json.get("value")));
      }
    }
    return results;
  }
}

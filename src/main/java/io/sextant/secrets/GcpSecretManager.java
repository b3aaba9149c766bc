package io.sextant.secrets;

import io.sextant.commands.VaultCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Google Cloud Secret Manager through {@code gcloud}
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/adapters/gcp_secret_manager.rb): secrets as
 * {@code [project/]name[/version]}, {@code --account user[|service-account[,...]]}.
 */
final class GcpSecretManager extends SecretsAdapter {
  GcpSecretManager(VendorCli cli) {
    super(cli, VaultCommands.versionProbe("gcloud"), "gcloud CLI is not installed", true);
  }

  @Override
  protected String login(String account) {
    if (!loggedIn()) {
      cli.run(VaultCommands.gcloudAuthLogin());
      if (!loggedIn()) {
        throw new VaultException("could not login to gcloud");
      }
    }
    return null;
  }

  private boolean loggedIn() {
    return !Json.array(cli.run(VaultCommands.gcloudAuthList()).output(), "gcloud auth list").isEmpty();
  }

  @Override
  protected Map<String, String> fetchSecrets(List<String> secrets, String from, String account, String session) {
    int bar = account.indexOf('|');
    String user = bar < 0 ? account : account.substring(0, bar);
    String serviceAccount = bar < 0 ? null : account.substring(bar + 1);
    Map<String, String> results = new LinkedHashMap<>();
    for (String secret : prefixed(secrets, from)) {
      List<String> parts = new ArrayList<>(List.of(secret.split("/")));
      if (parts.size() == 1) {
        parts.add(0, "default");
      }
      String project = parts.get(0);
      String name = parts.get(1);
      String version = parts.size() > 2 ? parts.get(2) : "latest";
      String itemName = project + "/" + name;
      VendorCli.Result result = cli.run(VaultCommands.gcloudSecretAccess(version, name, project, user, serviceAccount));
      if (!result.succeeded()) {
        throw new VaultException("Could not read " + itemName + " from Google Secret Manager");
      }
      Object payload = Json.object(result.output(), "gcloud secrets versions access").get("payload");
      Object data = payload instanceof Map<?, ?> map ? map.get("data") : null;
      results.put(itemName, new String(Base64.getMimeDecoder().decode(String.valueOf(data)), StandardCharsets.UTF_8));
    }
    return results;
  }
}

package io.sextant.secrets;

import io.sextant.commands.VaultCommands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Doppler's {@code doppler} (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/adapters/doppler.rb):
 * {@code --from project/config} unless {@code DOPPLER_TOKEN} is a service token ({@code dp.st...}).
 */
final class Doppler extends SecretsAdapter {
  private final String dopplerToken;

  Doppler(VendorCli cli, String dopplerToken) {
    super(cli, VaultCommands.versionProbe("doppler"), "Doppler CLI is not installed", false);
    this.dopplerToken = dopplerToken;
  }

  @Override
  protected String login(String account) {
    if (!cli.run(VaultCommands.dopplerMe()).succeeded()) {
      require(VaultCommands.dopplerLogin(), "Failed to login to Doppler");
    }
    return null;
  }

  @Override
  protected Map<String, String> fetchSecrets(List<String> secrets, String from, String account, String session) {
    List<String> names = prefixed(secrets, from);
    String project = null;
    String config = null;
    boolean serviceToken = dopplerToken != null && dopplerToken.startsWith("dp.st");
    if (!serviceToken) {
      String[] parts = names.isEmpty() ? new String[0] : names.get(0).split("/");
      if (parts.length < 2) {
        throw new VaultException("Missing project or config from '--from=project/config' option");
      }
      project = parts[0];
      config = parts[1];
    }
    List<String> lastParts = names.stream().map(name -> name.substring(name.lastIndexOf('/') + 1)).toList();
    VendorCli.Result result = cli.run(VaultCommands.dopplerSecretsGet(lastParts, project, config));
    if (!result.succeeded()) {
      throw new VaultException("Could not read " + inspect(names) + " from Doppler");
    }
    Map<String, String> results = new LinkedHashMap<>();
    Json.object(result.output(), "doppler secrets get").forEach((key, value) ->
        results.put(key, value instanceof Map<?, ?> map ? Json.text(map.get("computed")) : null));
    return results;
  }
}

package io.sextant.secrets;

import io.sextant.commands.VaultCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bitwarden's {@code bw} (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/adapters/bitwarden.rb). */
final class Bitwarden extends SecretsAdapter {
  Bitwarden(VendorCli cli) {
    super(cli, VaultCommands.versionProbe("bw"), "Bitwarden CLI is not installed", true);
  }

  @Override
  protected String login(String account) {
    String session = null;
    String status = status(null);
    if ("unauthenticated".equals(status)) {
      raw(VaultCommands.bwLogin(account), null);
      status = status(null);
    }
    if ("locked".equals(status)) {
      String unlocked = raw("unlock --raw", null).output();
      session = unlocked.isEmpty() ? null : unlocked;
      status = status(session);
    }
    if (!"unlocked".equals(status)) {
      throw new VaultException("Failed to login to and unlock Bitwarden");
    }
    if (!raw("sync", session).succeeded()) {
      throw new VaultException("Failed to sync Bitwarden");
    }
    return session;
  }

  @Override
  protected Map<String, String> fetchSecrets(List<String> secrets, String from, String account, String session) {
    Map<String, List<String>> items = new LinkedHashMap<>();
    for (String secret : prefixed(secrets, from)) {
      String[] parts = secret.split("/");
      List<String> fields = items.computeIfAbsent(parts[0], i -> new ArrayList<>());
      if (parts.length > 1) {
        fields.add(parts[1]);
      }
    }
    Map<String, String> results = new LinkedHashMap<>();
    items.forEach((item, fields) -> {
      VendorCli.Result result = raw(VaultCommands.bwGetItem(item), session);
      if (!result.succeeded()) {
        throw new VaultException("Could not read " + item + " from Bitwarden");
      }
      Map<String, Object> json = Json.object(result.output(), "bw get item");
      Object login = json.get("login");
      Object password = login instanceof Map<?, ?> map ? map.get("password") : null;
      List<?> itemFields = json.get("fields") instanceof List<?> list ? list : List.of();
      if (!fields.isEmpty()) {
        results.putAll(fromFields(fields, item, itemFields));
      } else if (password != null) {
        results.put(item, Json.text(password));
      } else if (!itemFields.isEmpty()) {
        List<String> names = itemFields.stream().map(f -> String.valueOf(((Map<?, ?>) f).get("name"))).toList();
        results.putAll(fromFields(names, item, itemFields));
      } else {
        throw new VaultException("Item " + item + " is not a login type item and no fields were specified");
      }
    });
    return results;
  }

  private static Map<String, String> fromFields(List<String> fields, String item, List<?> itemFields) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String field : fields) {
      Map<?, ?> found = itemFields.stream().map(f -> (Map<?, ?>) f).filter(f -> field.equals(f.get("name")))
          .findFirst().orElseThrow(() ->
              new VaultException("Could not find field " + field + " in item " + item + " in Bitwarden"));
      values.put(item + "/" + field, Json.text(found.get("value")));
    }
    return values;
  }

  private String status(String session) {
    Object status = Json.object(raw("status", session).output(), "bw status").get("status");
    return status == null ? null : status.toString();
  }

  private VendorCli.Result raw(String command, String session) {
    VendorCli.Result result = cli.run(VaultCommands.bw(command, session));
    return new VendorCli.Result(result.status(), result.output().strip());
  }
}

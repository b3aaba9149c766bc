package io.sextant.secrets;

import io.sextant.commands.VaultCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 1Password's {@code op} (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/adapters/one_password.rb). */
final class OnePassword extends SecretsAdapter {
  OnePassword(VendorCli cli) {
    super(cli, VaultCommands.versionProbe("op"), "1Password CLI is not installed", true);
  }

  @Override
  protected String login(String account) {
    if (!cli.run(VaultCommands.opAccountGet(account)).succeeded()) {
      VendorCli.Result signin = cli.run(VaultCommands.opSignin(account));
      if (!signin.succeeded()) {
        throw new VaultException("Failed to login to 1Password");
      }
      return signin.output().strip();
    }
    return null;
  }

  @Override
  protected Map<String, String> fetchSecrets(List<String> secrets, String from, String account, String session) {
    Map<String, String> results = new LinkedHashMap<>();
    if (secrets.isEmpty()) {
      String path = from == null ? "" : from.replaceFirst("^op://", "");
      String[] parts = path.split("/", -1);
      String item = parts.length > 1 ? parts[1] : null;
      Map<String, Object> json = Json.object(itemGet(parts[0], item, List.of(), account, session), "op item get");
      results.putAll(fieldsMap(asList(json.get("fields"))));
      return results;
    }
    // vault ⇒ item ⇒ fields, in first-seen order
    Map<String, Map<String, List<String>>> vaults = new LinkedHashMap<>();
    for (String secret : prefixed(secrets, from)) {
      String[] parts = secret.replaceFirst("^op://", "").split("/");
      List<String> fields = new ArrayList<>(List.of(parts).subList(Math.min(2, parts.length), parts.length));
      if (fields.isEmpty()) {
        fields.add("password");
      }
      vaults.computeIfAbsent(parts[0], v -> new LinkedHashMap<>())
          .computeIfAbsent(parts.length > 1 ? parts[1] : "", i -> new ArrayList<>()).add(String.join(".", fields));
    }
    vaults.forEach((vault, items) -> items.forEach((item, fields) -> {
      Object json = Json.parse(itemGet(vault, item, fields, account, session), "op item get");
      results.putAll(fieldsMap(fields.size() == 1 ? List.of(json) : asList(json)));
    }));
    return results;
  }

  private String itemGet(String vault, String item, List<String> fields, String account, String session) {
    VendorCli.Result result = cli.run(VaultCommands.opItemGet(vault, item, fields, account, session));
    if (!result.succeeded()) {
      String which = fields.isEmpty() ? "" : String.join(", ", fields) + " ";
      throw new VaultException("Could not read " + which + "from " + item + " in the " + vault + " 1Password vault");
    }
    return result.output();
  }

  private static Map<String, String> fieldsMap(List<Object> fields) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Object field : fields) {
      Map<?, ?> json = (Map<?, ?>) field;
      String reference = String.valueOf(json.get("reference")).replaceFirst("^op://", "").replaceFirst("/password$", "");
      map.put(reference, Json.text(json.get("value")));
    }
    return map;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object json) {
    if (json instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw new VaultException("Could not parse the output of op item get as a list of fields");
  }
}

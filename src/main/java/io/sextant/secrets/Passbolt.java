package io.sextant.secrets;

import io.sextant.commands.VaultCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Passbolt's {@code passbolt} (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/adapters/passbolt.rb):
 * secrets as {@code [folder/[subfolder/...]]name}; folders are looked up first, then the resources in them.
 */
final class Passbolt extends SecretsAdapter {
  Passbolt(VendorCli cli) {
    super(cli, VaultCommands.versionProbe("passbolt"), "Passbolt CLI is not installed", false);
  }

  @Override
  protected String login(String account) {
    require(VaultCommands.passboltVerify(), "Failed to login to Passbolt");
    return null;
  }

  @Override
  protected Map<String, String> fetchSecrets(List<String> secrets, String from, String account, String session) {
    List<String> names = prefixed(secrets, from);
    if (names.isEmpty()) {
      throw new VaultException("No secrets given to fetch");
    }
    List<Map<?, ?>> folders = folders(names);
    List<String> conditions = new ArrayList<>();
    for (String secret : names) {
      String[] parts = secret.split("/");
      String name = parts[parts.length - 1];
      if (parts.length == 1) {
        conditions.add(VaultCommands.passboltNameIs(name));
        continue;
      }
      Map<?, ?> folder = null;
      List<String> path = new ArrayList<>();
      for (int i = 0; i < parts.length - 1; i++) {
        path.add(parts[i]);
        String wanted = String.join("/", path);
        folder = folders.stream().filter(f -> pathOf(f, folders).equals(wanted)).findFirst().orElse(folder);
      }
      if (folder != null) {
        conditions.add("(" + VaultCommands.passboltNameIs(name) + " && "
            + VaultCommands.passboltParentIs(String.valueOf(folder.get("id"))) + ")");
      }
    }
    List<String> folderIds = folders.stream().map(f -> String.valueOf(f.get("id"))).toList();
    VendorCli.Result result = cli.run(VaultCommands.passboltListResources(conditions, folderIds));
    if (!result.succeeded()) {
      throw new VaultException("Could not read " + inspect(names) + " from Passbolt");
    }
    Map<String, String> results = new LinkedHashMap<>();
    for (Object item : Json.array(result.output(), "passbolt list resources")) {
      Map<?, ?> json = (Map<?, ?>) item;
      results.put(String.valueOf(json.get("name")), Json.text(json.get("password")));
    }
    List<String> missing = names.stream().map(n -> n.substring(n.lastIndexOf('/') + 1))
        .filter(n -> !results.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      throw new VaultException("Could not find the following secrets in Passbolt: " + String.join(", ", missing));
    }
    return results;
  }

  /** The folders on the secrets' paths: the top-level ones by name, then each nested level by parent id. */
  private List<Map<?, ?>> folders(List<String> secrets) {
    LinkedHashSet<List<String>> paths = new LinkedHashSet<>();
    for (String secret : secrets) {
      if (secret.contains("/")) {
        List<String> parts = List.of(secret.split("/"));
        paths.add(parts.subList(0, parts.size() - 1));
      }
    }
    if (paths.isEmpty()) {
      return List.of();
    }
    List<String> parentConditions = paths.stream().map(p -> p.get(0)).distinct()
        .map(VaultCommands::passboltNameIs).toList();
    VendorCli.Result parents = cli.run(VaultCommands.passboltListFolders(parentConditions));
    if (!parents.succeeded()) {
      throw new VaultException("Could not read folders from Passbolt");
    }
    List<Map<?, ?>> parentFolders = maps(Json.array(parents.output(), "passbolt list folders"));
    List<Map<?, ?>> all = new ArrayList<>(parentFolders);
    for (List<String> path : paths) {
      if (path.size() <= 1) {
        continue;
      }
      Map<?, ?> current = parentFolders.stream().filter(f -> path.get(0).equals(f.get("name"))).findFirst()
          .orElse(null);
      for (int i = 1; current != null && i < path.size(); i++) {
        VendorCli.Result nested = cli.run(VaultCommands.passboltListFolders(List.of(
            VaultCommands.passboltNameIs(path.get(i)) + " && "
                + VaultCommands.passboltParentIs(String.valueOf(current.get("id"))))));
        if (!nested.succeeded()) {
          continue;
        }
        List<Map<?, ?>> found = maps(Json.array(nested.output(), "passbolt list folders"));
        if (found.isEmpty()) {
          break;
        }
        all.addAll(found);
        current = found.get(0);
      }
    }
    List<String> foundPaths = all.stream().map(f -> pathOf(f, all)).toList();
    List<String> missing = paths.stream().map(p -> String.join("/", p)).filter(p -> !foundPaths.contains(p)).toList();
    if (!missing.isEmpty()) {
      throw new VaultException("Could not find the following folders in Passbolt: " + String.join(", ", missing));
    }
    return all;
  }

  private static String pathOf(Map<?, ?> folder, List<Map<?, ?>> all) {
    List<String> path = new ArrayList<>();
    Map<?, ?> current = folder;
    while (current != null) {
      path.add(0, String.valueOf(current.get("name")));
      Object parentId = current.get("folder_parent_id");
      if (parentId == null || parentId.toString().isEmpty()) {
        break;
      }
      current = all.stream().filter(f -> Objects.equals(f.get("id"), parentId)).findFirst().orElse(null);
    }
    return String.join("/", path);
  }

  private static List<Map<?, ?>> maps(List<Object> items) {
    return items.stream().<Map<?, ?>>map(item -> (Map<?, ?>) item).toList();
  }
}

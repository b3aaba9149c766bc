package io.sextant.commands;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The vendor CLI command lines of {@code secrets fetch}'s adapters, word for word as Kamal 2.12 runs them through a
 * shell (https://github.com/basecamp/kamal/tree/v2.12.0/lib/kamal/secrets/adapters), quoted as Ruby's
 * {@code Shellwords.escape} ({@link Shell#rubyEscape}) or Kamal's {@code optionize} ({@link Shell#kamalEscape}).
 */
public final class VaultCommands {
  private VaultCommands() {}

  /** {@code <cli> --version 2> /dev/null}: every adapter's "is the CLI installed" probe. */
  public static String versionProbe(String cli) {
    return cli + " --version 2> /dev/null";
  }

  /** Enpass has no {@code --version}: {@code enpass-cli version 2> /dev/null}. */
  public static String enpassVersionProbe() {
    return "enpass-cli version 2> /dev/null";
  }

  // 1Password (one_password.rb)

  public static String opAccountGet(String account) {
    return "op account get --account " + Shell.rubyEscape(account) + " 2> /dev/null";
  }

  public static String opSignin(String account) {
    return "op signin --account " + Shell.kamalEscape(account) + " --force --raw";
  }

  /** {@code op item get}; {@code fields} empty for all of the item's fields, {@code session} null without one. */
  public static String opItemGet(String vault, String item, List<String> fields, String account, String session) {
    StringBuilder line = new StringBuilder("op item get ").append(Shell.rubyEscape(item))
        .append(" --vault ").append(Shell.kamalEscape(vault))
        .append(" --format ").append(Shell.kamalEscape("json"));
    if (account != null) {
      line.append(" --account ").append(Shell.kamalEscape(account));
    }
    if (session != null && !session.isEmpty()) {
      line.append(" --session ").append(Shell.kamalEscape(session));
    }
    if (!fields.isEmpty()) {
      String labels = fields.stream().map(field -> "label=" + field).collect(Collectors.joining(","));
      line.append(" --fields ").append(Shell.kamalEscape(labels));
    }
    return line.toString();
  }

  // Bitwarden (bitwarden.rb): each call is `[BW_SESSION=<session>] bw <command>`

  public static String bw(String command, String session) {
    return (session == null ? "" : "BW_SESSION=" + Shell.rubyEscape(session) + " ") + "bw " + command;
  }

  public static String bwLogin(String account) {
    return "login " + Shell.rubyEscape(account);
  }

  public static String bwGetItem(String item) {
    return "get item " + Shell.rubyEscape(item);
  }

  // Bitwarden Secrets Manager (bitwarden_secrets_manager.rb)

  public static String bwsProjectList() {
    return "bws project list";
  }

  public static String bwsSecretList(String project) {
    return project == null ? "bws secret list" : "bws secret list " + Shell.rubyEscape(project);
  }

  public static String bwsSecretGet(String id) {
    return "bws secret get " + Shell.rubyEscape(id);
  }

  // LastPass (last_pass.rb)

  public static String lpassStatus() {
    return "lpass status --color never";
  }

  public static String lpassLogin(String account) {
    return "lpass login " + Shell.rubyEscape(account);
  }

  public static String lpassShow(List<String> secrets) {
    return "lpass show " + escaped(secrets) + " --json";
  }

  // AWS Secrets Manager (aws_secrets_manager.rb)

  public static String awsBatchGet(List<String> secretIds, String profile) {
    return "aws secretsmanager batch-get-secret-value --secret-id-list " + escaped(secretIds)
        + (profile == null ? "" : " --profile " + Shell.rubyEscape(profile)) + " --output json";
  }

  // Doppler (doppler.rb)

  public static String dopplerMe() {
    return "doppler me --json 2> /dev/null";
  }

  public static String dopplerLogin() {
    return "doppler login -y";
  }

  /** {@code project} and {@code config} null when a service token is set (Kamal then leaves a trailing space). */
  public static String dopplerSecretsGet(List<String> names, String project, String config) {
    String flags = project == null ? "" : "-p " + Shell.rubyEscape(project) + " -c " + Shell.rubyEscape(config);
    return "doppler secrets get " + escaped(names) + " --json " + flags;
  }

  // GCP Secret Manager (gcp_secret_manager.rb)

  public static String gcloudAuthList() {
    return "gcloud auth list --format=json";
  }

  public static String gcloudAuthLogin() {
    return "gcloud auth login";
  }

  public static String gcloudSecretAccess(String version, String secret, String project, String user,
      String serviceAccount) {
    StringBuilder line = new StringBuilder("gcloud secrets versions access ").append(Shell.rubyEscape(version))
        .append(" --secret=").append(Shell.rubyEscape(secret));
    if (!"default".equals(project)) {
      line.append(" --project=").append(Shell.rubyEscape(project));
    }
    if (!"default".equals(user)) {
      line.append(" --account=").append(Shell.rubyEscape(user));
    }
    if (serviceAccount != null) {
      line.append(" --impersonate-service-account=").append(Shell.rubyEscape(serviceAccount));
    }
    return line.append(" --format=json").toString();
  }

  // Enpass (enpass.rb)

  public static String enpassShow(String vault, List<String> titles) {
    return "enpass-cli -json -vault " + Shell.rubyEscape(vault) + " show " + escaped(titles);
  }

  // Passbolt (passbolt.rb)

  public static String passboltVerify() {
    return "passbolt verify";
  }

  /** {@code conditions} are joined with {@code ||} inside one single-quoted {@code --filter}. */
  public static String passboltListFolders(List<String> conditions) {
    return "passbolt list folders --filter '" + String.join(" || ", conditions) + "' --json";
  }

  public static String passboltListResources(List<String> conditions, List<String> folderIds) {
    String filter = conditions.isEmpty() ? "" : "--filter '" + String.join(" || ", conditions) + "'";
    String folders = folderIds.stream().map(id -> "--folder " + Shell.rubyEscape(id))
        .collect(Collectors.joining(" "));
    return "passbolt list resources " + filter + " " + folders + " --column name --column password --json";
  }

  /** {@code Name == "<name>"}, the name escaped then written as Ruby's {@code inspect} writes a string. */
  public static String passboltNameIs(String name) {
    return "Name == " + rubyInspect(Shell.rubyEscape(name));
  }

  public static String passboltParentIs(String folderId) {
    return "FolderParentID == " + rubyInspect(Shell.rubyEscape(folderId));
  }

  private static String rubyInspect(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String escaped(List<String> words) {
    return words.stream().map(Shell::rubyEscape).collect(Collectors.joining(" "));
  }
}

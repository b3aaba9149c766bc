package io.sextant.secrets;

import java.util.List;
import java.util.Map;

/**
 * One vault vendor (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/adapters/base.rb): checks its
 * CLI is installed, logs in, then fetches the named secrets (prefixed with {@code from/} when given).
 */
public abstract class SecretsAdapter {
  protected final VendorCli cli;

  protected SecretsAdapter(VendorCli cli) {
    this.cli = cli;
  }

  /** Whether {@code --account} must be given. */
  public boolean requiresAccount() {
    return true;
  }

  /** Secret name ⇒ value, in the order the vendor returned them. */
  public final Map<String, String> fetch(List<String> secrets, String account, String from) {
    if (requiresAccount() && (account == null || account.isBlank())) {
      throw new VaultException("Missing required option '--account'");
    }
    checkInstalled();
    String session = login(account);
    return fetchSecrets(secrets, from, account, session);
  }

  protected abstract void checkInstalled();

  /** Logs in when needed; returns a session token or null. */
  protected abstract String login(String account);

  protected abstract Map<String, String> fetchSecrets(List<String> secrets, String from, String account,
      String session);

  /** Fails with {@code message} unless {@code probe} exits 0. */
  protected final void require(String probe, String message) {
    if (!cli.run(probe).succeeded()) {
      throw new VaultException(message);
    }
  }

  /** {@code from/secret} for each secret, or the secrets as they are without {@code from}. */
  protected static List<String> prefixed(List<String> secrets, String from) {
    return secrets.stream().map(secret -> from == null ? secret : from + "/" + secret).toList();
  }

  /** Ruby's {@code Array#inspect} of strings, as Kamal's messages print a list. */
  protected static String inspect(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ", ").append('"')
          .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return out.append(']').toString();
  }
}

package io.sextant.secrets;

import java.util.List;
import java.util.Map;

/**
 * One vault vendor (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/secrets/adapters/base.rb): checks its
 * CLI is installed, logs in, then fetches the named secrets (prefixed with {@code from/} when given).
 */
public abstract class SecretsAdapter {
  protected final VendorCli cli;
  private final String installedProbe;
  private final String notInstalled;
  private final boolean requiresAccount;

  /**
   * @param installedProbe the command line that exits 0 when the vendor CLI is installed, or null for none
   * @param notInstalled Kamal's message when it is not
   * @param requiresAccount whether {@code --account} must be given
   */
  protected SecretsAdapter(VendorCli cli, String installedProbe, String notInstalled, boolean requiresAccount) {
    this.cli = cli;
    this.installedProbe = installedProbe;
    this.notInstalled = notInstalled;
    this.requiresAccount = requiresAccount;
  }

  /** Whether {@code --account} must be given. */
  public final boolean requiresAccount() {
    return requiresAccount;
  }

  /** Secret name ⇒ value, in the order the vendor returned them. */
  public final Map<String, String> fetch(List<String> secrets, String account, String from) {
    if (requiresAccount() && (account == null || account.isBlank())) {
      throw new VaultException("Missing required option '--account'");
    }
    if (installedProbe != null) {
      require(installedProbe, notInstalled);
    }
    String session = login(account);
    return fetchSecrets(secrets, from, account, session);
  }

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

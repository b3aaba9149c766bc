package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.commands.Shell;
import io.sextant.process.ProcessResult;
import io.sextant.process.ShellCapture;
import io.sextant.secrets.SecretsAdapter;
import io.sextant.secrets.SecretsAdapters;
import io.sextant.secrets.SecretsJson;
import io.sextant.secrets.VendorCli;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code secrets fetch -a ADAPTER [--account A] [--from F] SECRETS...}: the secrets from a vault's CLI, printed as
 * one JSON object (shell-escaped with {@code --inline}, as a secrets file's {@code $(kamal secrets fetch ...)} gets).
 */
@Command(name = "fetch", description = "Fetch secrets from a vault (prints them as JSON).")
public final class SecretsFetchCommand extends BaseCommand {
  @Option(names = {"-a", "--adapter"}, required = true, description = "Which vault adapter to use.")
  String adapter;

  @Option(names = "--account", description = "The account identifier or username.")
  String account;

  @Option(names = "--from", description = "A vault or folder to fetch the secrets from.")
  String from;

  @Option(names = "--inline", hidden = true, description = "Shell-escape the JSON (for $(...) in secrets files).")
  boolean inline;

  @Parameters(arity = "0..*", paramLabel = "SECRETS", description = "The secrets to fetch.")
  List<String> secrets = new ArrayList<>();

  @Override
  protected int execute() {
    VendorCli cli = line -> {
      ProcessResult result = ShellCapture.run(line);
      return new VendorCli.Result(result.exitCode(), result.stdout());
    };
    SecretsAdapter vault = SecretsAdapters.lookup(adapter, cli, System::getenv);
    if (vault.requiresAccount() && (account == null || account.isBlank())) {
      throw new SextantException("No value provided for required options '--account'",
          SextantException.USAGE_OR_CONFIG);
    }
    Map<String, String> results = vault.fetch(secrets, account, from);
    String json = SecretsJson.write(results);
    console().result(inline ? Shell.rubyEscape(json) : json);
    return 0;
  }
}

package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code app maintenance}: kamal-proxy drains the app, then answers 503 with the message until {@code app live}. */
@Command(name = "maintenance", description = "Set the app to maintenance mode (kamal-proxy answers 503).")
final class AppMaintenanceCommand extends SessionCommand {
  @Option(names = {"--drain-timeout", "--drain_timeout"}, paramLabel = "SECONDS",
      description = "How long in-flight requests may take to finish (default: drain_timeout).")
  Integer drainTimeout;

  @Option(names = "--message", description = "Message shown to clients while in maintenance.")
  String message;

  @Override
  protected int run(CommandSession session) {
    if (drainTimeout != null && drainTimeout < 0) {
      throw new SextantException("--drain-timeout must not be negative, got " + drainTimeout,
          SextantException.USAGE_OR_CONFIG);
    }
    audited(session, "Set the app in maintenance", () -> new ProxyFlows(session).maintenance(drainTimeout, message));
    return 0;
  }
}

package io.sextant.cli;

import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;

/** {@code app live}: kamal-proxy serves the app again after {@code app maintenance}. */
@Command(name = "live", description = "Set the app to live mode (kamal-proxy serves it again).")
final class AppLiveCommand extends SessionCommand {
  @Override
  protected int run(CommandSession session) {
    audited(session, "Set the app live", () -> new ProxyFlows(session).live());
    return 0;
  }
}

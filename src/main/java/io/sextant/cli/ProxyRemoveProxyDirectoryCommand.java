package io.sextant.cli;

import io.sextant.deploy.ProxyFlows;
import picocli.CommandLine.Command;

/**
 * {@code proxy remove_proxy_directory}: {@code .kamal/proxy} removed (Kamal's hidden step of {@code remove}; like
 * Kamal it writes no audit line).
 */
@Command(name = "remove_proxy_directory", aliases = "remove-proxy-directory", hidden = true,
    description = "Remove the proxy directory from the servers.")
final class ProxyRemoveProxyDirectoryCommand extends SessionCommand {
  @Override
  protected int run(CommandSession session) {
    session.hooks().checkRunnable();
    new ProxyFlows(session).removeDirectory();
    return 0;
  }
}

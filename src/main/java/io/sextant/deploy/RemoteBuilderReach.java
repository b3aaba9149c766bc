package io.sextant.deploy;

import io.sextant.build.BuildException;
import io.sextant.build.RemoteBuilderHost;
import io.sextant.commands.BuildCommands;
import io.sextant.ssh.ConnectionException;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;

/**
 * Kamal's {@code connect_to_remote_host}, run before a builder is created ({@code build create}, or {@code build
 * push} finding it missing): {@code true} on an {@code ssh://} remote builder's host, after pre-connect
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build.rb#L87-L91, L161-L172). A host that does
 * not answer stops the command with Kamal's words; any other remote has nothing to check.
 */
final class RemoteBuilderReach {
  private RemoteBuilderReach() {}

  static void check(FlowContext ctx) {
    RemoteBuilderHost.of(ctx.config().builder().remote()).ifPresent(host -> check(ctx, host));
  }

  private static void check(FlowContext ctx, RemoteBuilderHost host) {
    ctx.hooks().preConnectOnce(ctx.hookContext()); // before the line below, as Kamal's on() does
    ctx.console().debug("Running /usr/bin/env true on " + host.hostName());
    try (SshHosts ssh = ctx.sshWith(host.settings(ctx.sshSettings(), RemoteBuilderHost.localUser()))) {
      RemoteResult result = ssh.run(host.hostName(), BuildCommands.remoteBuilderCheck());
      if (!result.ok()) {
        throw unreachable(host, result.lastErrorLine().isEmpty() ? "exit " + result.exitCode()
            : result.lastErrorLine());
      }
    } catch (ConnectionException e) {
      throw unreachable(host, e.reason());
    }
  }

  private static BuildException unreachable(RemoteBuilderHost host, String reason) {
    return new BuildException("Exception while executing on host " + host.hostName() + ": " + reason);
  }
}

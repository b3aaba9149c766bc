package io.sextant.app;

import io.sextant.SextantException;
import io.sextant.commands.DockerCommands;
import io.sextant.console.Console;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.util.ArrayList;
import java.util.List;

/**
 * Kamal's {@code server bootstrap}: on every host, checks that Docker is installed, installs it where the SSH user
 * may (root or sudo, with curl or wget), and makes {@code ~/.kamal}; hosts where Docker is missing and cannot be
 * installed are all named in one error. Then the {@code docker-setup} hook runs, every time, even when Docker
 * was already everywhere.
 */
public final class ServerBootstrap {
  private final SshHosts ssh;
  private final Console console;

  public ServerBootstrap(SshHosts ssh, Console console) {
    this.ssh = ssh;
    this.console = console;
  }

  /**
   * @param dockerSetup runs the {@code docker-setup} hook (with {@code KAMAL_HOSTS} = all hosts)
   * @throws SextantException naming the hosts without Docker, before {@code dockerSetup} runs
   */
  public void run(List<String> hosts, Runnable dockerSetup) {
    List<RemoteResult> outcomes = HostTasks.forEach(hosts, this::prepare,
        (host, e) -> new RemoteResult(host, RemoteResult.NOT_RUN, "", HostTasks.reason(e)));
    List<String> missing = new ArrayList<>();
    List<RemoteResult> failures = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      RemoteResult outcome = outcomes.get(i);
      if (outcome == null) {
        missing.add(hosts.get(i));
      } else if (!outcome.ok()) {
        failures.add(outcome);
      }
    }
    if (!missing.isEmpty()) {
      throw new SextantException("Docker is not installed on " + String.join(", ", missing)
          + " and can't be automatically installed without having root access and either `wget` or `curl`."
          + " Install Docker manually: https://docs.docker.com/engine/install/", SextantException.COMMAND_FAILED);
    }
    if (!failures.isEmpty()) {
      throw new RemoteException("server bootstrap", failures);
    }
    dockerSetup.run();
  }

  /** The result of the host's last step, or null when Docker is missing and cannot be installed there. */
  private RemoteResult prepare(String host) {
    RemoteResult installed = ssh.run(host, DockerCommands.installed());
    if (installed.exitCode() == RemoteResult.NOT_RUN) {
      return installed;
    }
    if (!installed.ok()) {
      if (!ssh.run(host, DockerCommands.superuser()).ok()) {
        return null;
      }
      console.info("Missing Docker on " + host + ". Installing...");
      RemoteResult install = ssh.run(host, DockerCommands.install());
      if (!install.ok()) {
        return new RemoteResult(host, install.exitCode(), install.stdout(),
            "installing Docker failed: " + install.lastErrorLine());
      }
    }
    return ssh.run(host, DockerCommands.ensureRunDirectory());
  }
}

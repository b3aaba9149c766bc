package io.sextant.app;

import io.sextant.SextantException;
import io.sextant.commands.DockerCommands;
import io.sextant.console.Console;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Kamal's {@code server bootstrap}: on every host, checks that Docker is installed, installs it where the SSH user
 * may (root or sudo, with curl or wget), and makes {@code ~/.kamal}; hosts where Docker is missing and cannot be
 * installed are all named in one error. Then the {@code docker-setup} hook runs, every time, even when Docker
 * was already everywhere.
 */
public final class ServerBootstrap {
  private final SshHosts ssh;
  private final Console console;
  private final Consumer<List<String>> dockerInstall;

  public ServerBootstrap(SshHosts ssh, Console console) {
    this(ssh, console, null);
  }

  /**
   * @param dockerInstall the project's {@code docker-install} hook (given the hosts without Docker; a failure
   *     throws), which replaces Kamal's install; {@code null} for Kamal's
   */
  public ServerBootstrap(SshHosts ssh, Console console, Consumer<List<String>> dockerInstall) {
    this.ssh = ssh;
    this.console = console;
    this.dockerInstall = dockerInstall;
  }

  /**
   * @param dockerSetup runs the {@code docker-setup} hook (with {@code KAMAL_HOSTS} = all hosts)
   * @throws SextantException naming the hosts without Docker, before {@code dockerSetup} runs
   */
  public void run(List<String> hosts, Runnable dockerSetup) {
    if (dockerInstall != null) {
      installWithHook(hosts);
    }
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
    if (!missing.isEmpty() && dockerInstall != null) {
      throw new SextantException("Docker is still not installed on " + String.join(", ", missing)
          + " after the docker-install hook", SextantException.COMMAND_FAILED);
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

  /**
   * Finds the hosts without Docker and hands them to the {@code docker-install} hook, once; {@link #prepare} then
   * checks them again, so a host the hook did not fix is reported as Kamal reports a missing Docker.
   */
  private void installWithHook(List<String> hosts) {
    List<RemoteResult> checks = HostTasks.forEach(hosts, host -> ssh.run(host, DockerCommands.installed()),
        (host, e) -> new RemoteResult(host, RemoteResult.NOT_RUN, "", HostTasks.reason(e)));
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      RemoteResult check = checks.get(i);
      if (check != null && check.exitCode() != RemoteResult.NOT_RUN && !check.ok()) {
        missing.add(hosts.get(i));
      }
    }
    if (!missing.isEmpty()) {
      console.info("Missing Docker on " + String.join(", ", missing) + ". Running the docker-install hook...");
      dockerInstall.accept(missing);
    }
  }

  /**
   * The result of the host's last step, or null when Docker is missing and cannot be installed there (with a
   * {@code docker-install} hook, Sextant never installs it itself).
   */
  private RemoteResult prepare(String host) {
    RemoteResult installed = ssh.run(host, DockerCommands.installed());
    if (installed.exitCode() == RemoteResult.NOT_RUN) {
      return installed;
    }
    if (!installed.ok()) {
      if (dockerInstall != null || !ssh.run(host, DockerCommands.superuser()).ok()) {
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

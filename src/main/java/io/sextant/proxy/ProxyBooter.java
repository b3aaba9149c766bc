package io.sextant.proxy;

import io.sextant.SextantException;
import io.sextant.commands.DockerCommands;
import io.sextant.commands.ProxyCommands;
import io.sextant.config.DeployConfig;
import io.sextant.config.ProxyRun;
import io.sextant.console.Console;
import io.sextant.ssh.SshHosts;
import java.util.List;

/**
 * Boots and reboots kamal-proxy on hosts, step for step as Kamal 2.12's {@code proxy boot} and {@code proxy reboot}.
 * The caller holds the deploy lock and fires the reboot hooks.
 */
public final class ProxyBooter {
  private final SshHosts ssh;
  private final Console console;
  private final DeployConfig config;
  private final RegistryLogin login;

  /** @param login the registry login to run first on each proxy host, or {@code null} when none is configured */
  public ProxyBooter(SshHosts ssh, Console console, DeployConfig config, RegistryLogin login) {
    this.ssh = ssh;
    this.console = console;
    this.config = config;
    this.login = login;
  }

  /**
   * Kamal's {@code proxy boot}: the {@code kamal} network on every one of {@code hosts}, then on each of
   * {@code proxyHosts} in parallel: registry login, refusal of a running proxy older than
   * {@value ProxyRun#MINIMUM_VERSION}, the apps config directory, and the container started or else run. Safe to
   * run again: a running proxy is left as it is.
   */
  public void boot(List<String> hosts, List<String> proxyHosts) {
    if (!hosts.isEmpty()) {
      ssh.runAllOrThrow("docker network create kamal", hosts, host -> DockerCommands.ensureNetwork());
    }
    if (proxyHosts.isEmpty()) {
      return;
    }
    EachHost.run(proxyHosts, this::bootOn);
  }

  private void bootOn(String host) {
    ProxyCommands proxy = ProxyCommands.of(config, host);
    if (login != null) {
      login.on(ssh, host);
    }
    String version = ssh.run(host, proxy.version()).stdout().strip();
    if (!version.isEmpty() && ProxyVersion.older(version, ProxyRun.MINIMUM_VERSION)) {
      throw new SextantException(host + ": kamal-proxy version " + version + " is too old, run `sextant proxy "
          + "reboot` in order to update to at least " + ProxyRun.MINIMUM_VERSION, SextantException.COMMAND_FAILED);
    }
    ssh.runOrThrow("proxy boot", host, proxy.ensureAppsConfigDirectory() + " && " + proxy.startOrRun());
    console.debug("kamal-proxy running on " + host);
  }

  /**
   * Kamal's {@code proxy reboot} of one group of hosts, in parallel: registry login, the container stopped (if
   * running) and removed, the apps config directory, and a new container run with the current boot config.
   */
  public void reboot(List<String> hosts) {
    EachHost.run(hosts, host -> {
      ProxyCommands proxy = ProxyCommands.of(config, host);
      if (login != null) {
        login.on(ssh, host);
      }
      console.debug("Stopping and removing kamal-proxy on " + host + ", if running...");
      ssh.runOrThrow("proxy reboot", host, "{ " + proxy.stop() + " || true; } && " + proxy.removeContainer()
          + " && " + proxy.ensureAppsConfigDirectory() + " && " + proxy.run());
    });
  }
}

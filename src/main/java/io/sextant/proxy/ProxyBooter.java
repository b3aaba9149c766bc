package io.sextant.proxy;

import io.sextant.SextantException;
import io.sextant.commands.DockerCommands;
import io.sextant.commands.ProxyBootScripts;
import io.sextant.commands.ProxyCommands;
import io.sextant.commands.StepScript;
import io.sextant.config.DeployConfig;
import io.sextant.config.ProxyRun;
import io.sextant.console.Console;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.nio.charset.StandardCharsets;
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
   * run again: a running proxy is left as it is. One exec per proxy host ({@link ProxyBootScripts}), its network
   * included; hosts without the proxy get their network first, as Kamal creates every network before any login.
   */
  public void boot(List<String> hosts, List<String> proxyHosts) {
    List<String> networkOnly = hosts.stream().filter(host -> !proxyHosts.contains(host)).toList();
    if (!networkOnly.isEmpty()) {
      ssh.runAllOrThrow(ProxyBootScripts.NETWORK, networkOnly, host -> DockerCommands.ensureNetwork());
    }
    if (proxyHosts.isEmpty()) {
      return;
    }
    EachHost.run(proxyHosts, this::bootOn);
  }

  private void bootOn(String host) {
    ProxyCommands proxy = ProxyCommands.of(config, host);
    StepScript script = ProxyBootScripts.boot(proxy, login == null ? null : login.commands().login(),
        ProxyRun.MINIMUM_VERSION);
    RemoteResult result = ssh.run(host, script.render(),
        login == null ? null : login.password().getBytes(StandardCharsets.UTF_8));
    if (result.exitCode() == RemoteResult.NOT_RUN) {
      throw new RemoteException("proxy boot", List.of(result));
    }
    StepScript.Outcome outcome = script.read(result.exitCode(), result.stdout(), result.stderr());
    if (!outcome.ok()) {
      throw new RemoteException(outcome.failedStep(),
          List.of(new RemoteResult(host, outcome.exitCode(), "", outcome.error())));
    }
    if (outcome.value(ProxyBootScripts.STARTED) == null) {
      String version = outcome.value(ProxyBootScripts.VERSION);
      if (version != null && !version.isEmpty() && ProxyVersion.older(version, ProxyRun.MINIMUM_VERSION)) {
        throw new SextantException(host + ": kamal-proxy version " + version + " is too old, run `sextant proxy "
            + "reboot` in order to update to at least " + ProxyRun.MINIMUM_VERSION, SextantException.COMMAND_FAILED);
      }
      ssh.runOrThrow("proxy boot", host, ProxyBootScripts.start(proxy));
    }
    console.debug("kamal-proxy running on " + host);
  }

  /**
   * The removal half of Kamal's {@code proxy upgrade} on one group of hosts, in parallel: registry login, a Kamal 1
   * Traefik container and image removed (if there), then the kamal-proxy container (if any) and its image, so that
   * {@link #boot} runs a new one on the {@code kamal} network.
   */
  public void removeForUpgrade(List<String> hosts) {
    EachHost.run(hosts, host -> {
      if (login != null) {
        login.on(ssh, host);
      }
      console.debug("Stopping and removing Traefik and kamal-proxy on " + host + ", if running...");
      ssh.runOrThrow("proxy upgrade", host, ProxyCommands.of(config, host).removeTraefikAndProxy());
    });
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

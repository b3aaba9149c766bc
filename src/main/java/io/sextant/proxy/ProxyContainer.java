package io.sextant.proxy;

import io.sextant.SextantException;
import io.sextant.commands.ProxyCommands;
import io.sextant.config.DeployConfig;
import io.sextant.config.ProxyBoot;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The kamal-proxy container and its boot config files on hosts, as Kamal 2.12's {@code proxy} commands handle them:
 * start, stop, details, logs, removal (only when no app is left on the hosts, unless forced), and
 * {@code boot_config set|get|reset}. All hosts in parallel; the caller holds the lock where Kamal takes it.
 */
public final class ProxyContainer {
  /** Where Kamal keeps one directory per app on a host; the proxy is removed only when it is empty. */
  static final String APPS_DIRECTORY = DeployConfig.RUN_DIRECTORY + "/apps";

  private final SshHosts ssh;
  private final DeployConfig config;

  public ProxyContainer(SshHosts ssh, DeployConfig config) {
    this.ssh = ssh;
    this.config = config;
  }

  private ProxyCommands on(String host) {
    return ProxyCommands.of(config, host);
  }

  public void start(List<String> hosts) {
    ssh.runAllOrThrow("proxy start", hosts, host -> on(host).start());
  }

  /** Stops the container; a host without a running proxy is not an error (as Kamal). */
  public void stop(List<String> hosts) {
    reachedAll("proxy stop", ssh.runAll(hosts, host -> on(host).stop()));
  }

  /** A command whose exit status does not matter must still have reached every host. */
  private static void reachedAll(String step, List<RemoteResult> results) {
    List<RemoteResult> unreached = results.stream().filter(r -> r.exitCode() == RemoteResult.NOT_RUN).toList();
    if (!unreached.isEmpty()) {
      throw new RemoteException(step, unreached);
    }
  }

  /** {@code docker ps} of the proxy container, per host. */
  public List<RemoteResult> details(List<String> hosts) {
    return ssh.runAllOrThrow("proxy details", hosts, host -> on(host).info());
  }

  /** The proxy's log lines, per host. */
  public List<RemoteResult> logs(List<String> hosts, boolean timestamps, String since, Integer lines, String grep) {
    List<RemoteResult> results = ssh.runAll(hosts, host -> on(host).logs(timestamps, since, lines, grep, null));
    // With a pattern, the exit status is grep's: 1 only says that no line matched on that host
    List<RemoteResult> failures = results.stream()
        .filter(result -> !result.ok() && !(grep != null && result.exitCode() == 1)).toList();
    if (!failures.isEmpty()) {
      throw new RemoteException("proxy logs", failures);
    }
    return results;
  }

  /** The hosts (of {@code hosts}) where apps are still installed ({@code .kamal/apps} is not empty). */
  public List<String> hostsWithApps(List<String> hosts) {
    return ssh.runAll(hosts, host -> "ls " + APPS_DIRECTORY + " | wc -l").stream()
        .filter(result -> parseCount(result) > 0).map(RemoteResult::host).toList();
  }

  private static int parseCount(RemoteResult result) {
    if (result.exitCode() == RemoteResult.NOT_RUN) {
      throw new SextantException(result.host() + ": could not count the apps installed: " + result.lastErrorLine(),
          SextantException.COMMAND_FAILED);
    }
    try {
      return Integer.parseInt(result.stdout().strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Stops the container, then removes it, its image and the {@code .kamal/proxy} directory (as Kamal's remove). */
  public void remove(List<String> hosts) {
    stop(hosts);
    removeContainer(hosts);
    removeImage(hosts);
    removeDirectory(hosts);
  }

  /** Removes the (stopped) kamal-proxy container; a running one stays (Kamal's hidden {@code remove_container}). */
  public void removeContainer(List<String> hosts) {
    ssh.runAllOrThrow("proxy remove_container", hosts, host -> on(host).removeContainer());
  }

  /** Removes the kamal-proxy images no container uses (Kamal's hidden {@code remove_image}). */
  public void removeImage(List<String> hosts) {
    ssh.runAllOrThrow("proxy remove_image", hosts, host -> on(host).removeImage());
  }

  /** Removes {@code .kamal/proxy}; a host without it is fine (Kamal's hidden {@code remove_proxy_directory}). */
  public void removeDirectory(List<String> hosts) {
    reachedAll("proxy remove_proxy_directory", ssh.runAll(hosts, host -> on(host).removeProxyDirectory()));
  }

  /** Writes the files that differ from the defaults and removes the others. */
  public void setBootConfig(List<String> hosts, BootConfigFiles files) {
    EachHost.run(hosts, host -> {
      ProxyCommands proxy = on(host);
      ssh.runOrThrow("proxy boot_config set", host, proxy.ensureProxyDirectory());
      writeOrReset(host, files.options(), ProxyBoot.OPTIONS_FILE, proxy.resetBootOptions());
      writeOrReset(host, files.image(), ProxyBoot.IMAGE_FILE, proxy.resetImage());
      writeOrReset(host, files.imageVersion(), ProxyBoot.IMAGE_VERSION_FILE, proxy.resetImageVersion());
      writeOrReset(host, files.runCommand(), ProxyBoot.RUN_COMMAND_FILE, proxy.resetRunCommand());
    });
  }

  private void writeOrReset(String host, String content, String file, String reset) {
    if (content == null) {
      reachedAll("proxy boot_config set", List.of(ssh.run(host, reset))); // no file to remove is fine (as Kamal)
    } else {
      ssh.upload(host, content.getBytes(StandardCharsets.UTF_8), file, "644");
    }
  }

  /** The boot config in effect, per host ({@code <options> <image>:<version> <run command>}). */
  public List<RemoteResult> bootConfig(List<String> hosts) {
    return ssh.runAllOrThrow("proxy boot_config get", hosts, host -> on(host).bootConfig());
  }

  /** Removes the four boot config files; missing ones are fine. */
  public void resetBootConfig(List<String> hosts) {
    reachedAll("proxy boot_config reset", ssh.runAll(hosts, host -> {
      ProxyCommands proxy = on(host);
      return String.join(" ; ", proxy.resetBootOptions(), proxy.resetImage(), proxy.resetImageVersion(),
          proxy.resetRunCommand());
    }));
  }
}

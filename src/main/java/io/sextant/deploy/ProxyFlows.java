package io.sextant.deploy;

import io.sextant.commands.AppProxyCommands;
import io.sextant.commands.RegistryCommands;
import io.sextant.config.DeployConfig;
import io.sextant.config.Role;
import io.sextant.hooks.HookPoint;
import io.sextant.proxy.BootConfigFiles;
import io.sextant.proxy.ProxyBooter;
import io.sextant.proxy.ProxyContainer;
import io.sextant.proxy.RegistryLogin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The kamal-proxy flows, each under the deploy lock (re-entrant, so the deploy flow calls {@link #boot()} while it
 * holds the lock): boot, reboot with its {@code pre-/post-proxy-reboot} hooks. The hosts are the selected ones that
 * run the proxy (Kamal's {@code proxy_hosts}).
 *
 * <p>Entry point for the deploy flow, as Kamal's {@code deploy} does before booting the app:
 * <pre>{@code
 * console.info("Ensure kamal-proxy is running...");
 * new ProxyFlows(ctx).boot();
 * }</pre>
 */
public final class ProxyFlows {
  private final FlowContext ctx;

  public ProxyFlows(FlowContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Kamal's {@code proxy boot}: under the lock, the {@code kamal} network on every selected host, then kamal-proxy
   * started (or run) on the selected proxy hosts. Idempotent; refuses a running proxy older than the minimum.
   */
  public void boot() {
    ctx.lock().withLock(() -> booter().boot(ctx.selection().hosts(), proxyHosts()));
  }

  /**
   * Kamal's {@code proxy reboot}: under the lock, for all proxy hosts at once or (with {@code rolling}) one host at
   * a time: {@code pre-proxy-reboot}, the proxy replaced by a new container, {@code post-proxy-reboot}; the hooks get
   * the group's hosts as {@code KAMAL_HOSTS}.
   */
  public void reboot(boolean rolling) {
    ctx.lock().withLock(() -> {
      List<String> hosts = proxyHosts();
      List<List<String>> groups = rolling ? hosts.stream().map(List::of).toList() : List.of(hosts);
      ProxyBooter booter = booter();
      for (List<String> group : groups) {
        ctx.hooks().run(HookPoint.PRE_PROXY_REBOOT, ctx.hookContext().withGroupHosts(group));
        booter.reboot(group);
        ctx.hooks().run(HookPoint.POST_PROXY_REBOOT, ctx.hookContext().withGroupHosts(group));
      }
    });
  }

  /**
   * The first half of Kamal's {@code proxy upgrade} on {@code hosts} (every selected host, proxy or not): registry
   * login, Traefik removed, kamal-proxy's container and image removed. The caller boots the proxy again.
   */
  public void removeTraefikAndProxy(List<String> hosts) {
    booter().removeForUpgrade(hosts);
  }

  /** Kamal's {@code proxy start}: the existing container started, under the lock. */
  public void start() {
    ctx.lock().withLock(() -> container().start(proxyHosts()));
  }

  /** Kamal's {@code proxy stop}: the container stopped (where it runs), under the lock. */
  public void stop() {
    ctx.lock().withLock(() -> container().stop(proxyHosts()));
  }

  /** Kamal's {@code proxy restart}: stop, then start, under one lock. */
  public void restart() {
    ctx.lock().withLock(() -> {
      container().stop(proxyHosts());
      container().start(proxyHosts());
    });
  }

  /**
   * Kamal's {@code proxy remove}: under the lock, the container, its image and {@code .kamal/proxy} removed, but
   * only when no app is installed on the proxy hosts any more, unless {@code force}.
   *
   * @return whether the proxy was removed
   */
  public boolean remove(boolean force) {
    return ctx.lock().withLock(() -> {
      List<String> hosts = proxyHosts();
      ProxyContainer container = container();
      if (!container.hostsWithApps(hosts).isEmpty()) {
        if (!force) {
          ctx.console().info("Not removing the proxy, as other apps are installed, ignore this check with "
              + "sextant proxy remove --force");
          return false;
        }
        ctx.console().info("Forcing, so removing the proxy, even though other apps are installed");
      }
      container.remove(hosts);
      return true;
    });
  }

  /** Kamal's hidden {@code proxy remove_container}: under the lock, the stopped container removed. */
  public void removeContainer() {
    ctx.lock().withLock(() -> container().removeContainer(proxyHosts()));
  }

  /** Kamal's hidden {@code proxy remove_image}: under the lock, the unused kamal-proxy images removed. */
  public void removeImage() {
    ctx.lock().withLock(() -> container().removeImage(proxyHosts()));
  }

  /** Kamal's hidden {@code proxy remove_proxy_directory}: under the lock, {@code .kamal/proxy} removed. */
  public void removeDirectory() {
    ctx.lock().withLock(() -> container().removeDirectory(proxyHosts()));
  }

  /** {@code proxy boot_config set}: the boot config files written (or removed where default) on the proxy hosts. */
  public void setBootConfig(BootConfigFiles files) {
    container().setBootConfig(proxyHosts(), files);
  }

  /** {@code proxy boot_config reset}: the boot config files removed from the proxy hosts. */
  public void resetBootConfig() {
    container().resetBootConfig(proxyHosts());
  }

  /** A read-only view of the proxy on the selected proxy hosts (details, logs, boot config). */
  public ProxyContainer container() {
    return new ProxyContainer(ctx.ssh(), ctx.config());
  }

  /** Kamal's {@code app live}: under the lock, kamal-proxy routes to every selected proxied role again. */
  public void live() {
    onProxiedRoles("app live", AppProxyCommands::live);
  }

  /**
   * Kamal's {@code app maintenance}: under the lock, kamal-proxy drains the selected proxied roles and then answers
   * 503 (with {@code message}).
   *
   * @param drainTimeout seconds for in-flight requests, or null for {@code drain_timeout}
   * @param message the text shown to clients, or null
   */
  public void maintenance(Integer drainTimeout, String message) {
    int drain = drainTimeout != null ? drainTimeout : ctx.config().drainTimeout();
    onProxiedRoles("app maintenance", app -> app.maintenance(drain, message));
  }

  /** Runs a command per selected proxied role on its selected proxy hosts (one exec per host), under the lock. */
  private void onProxiedRoles(String step, Function<AppProxyCommands, String> command) {
    ctx.lock().withLock(() -> {
      DeployConfig config = ctx.config();
      List<String> proxyHosts = proxyHosts();
      Map<String, List<String>> commandsByHost = new LinkedHashMap<>();
      for (Role role : ctx.selection().selectedRoles(config)) {
        if (!config.runsProxy(role)) {
          continue;
        }
        String line = command.apply(AppProxyCommands.of(config, role, ctx.version()));
        ctx.selection().rolesToHosts().getOrDefault(role.name(), List.of()).stream().filter(proxyHosts::contains)
            .forEach(host -> commandsByHost.computeIfAbsent(host, h -> new ArrayList<>()).add(line));
      }
      if (!commandsByHost.isEmpty()) {
        ctx.ssh().runAllOrThrow(step, List.copyOf(commandsByHost.keySet()),
            host -> String.join(" && ", commandsByHost.get(host)));
      }
    });
  }

  /** The selected hosts that run kamal-proxy, in configuration order. */
  public List<String> proxyHosts() {
    List<String> selected = ctx.selection().hosts();
    return ctx.config().proxyHosts().stream().filter(selected::contains).toList();
  }

  private ProxyBooter booter() {
    return new ProxyBooter(ctx.ssh(), ctx.console(), ctx.config(), registryLogin());
  }

  /** The login of the configured registry, or null when there is none to log in to (a local registry). */
  private RegistryLogin registryLogin() {
    DeployConfig config = ctx.config();
    RegistryCommands registry = RegistryCommands.of(config.registry(), ctx.secrets()).orElse(null);
    if (registry == null || config.registry().password() == null) {
      return null;
    }
    return new RegistryLogin(registry, config.registry().password().resolve(ctx.secrets()));
  }
}

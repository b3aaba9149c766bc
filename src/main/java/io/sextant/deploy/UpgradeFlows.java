package io.sextant.deploy;

import io.sextant.config.Accessory;
import io.sextant.config.DeployConfig;
import io.sextant.console.Console;
import io.sextant.hooks.HookPoint;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The move from a Kamal 1 installation (Traefik, containers on Docker's default bridge) to kamal-proxy and the
 * {@code kamal} network, with Kamal 2.12's steps, order, hooks and messages: {@code upgrade}
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L200-L229), {@code proxy upgrade}
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/proxy.rb#L134-L173) and {@code accessory upgrade}
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/accessory.rb#L284-L301). {@code --rolling} works on
 * one host at a time, in the selection's order.
 */
public final class UpgradeFlows {
  private final FlowContext ctx;
  private final Console console;

  public UpgradeFlows(FlowContext ctx) {
    this.ctx = ctx;
    this.console = ctx.console();
  }

  /**
   * Kamal's {@code upgrade}: under the lock, {@code proxy upgrade} then {@code accessory upgrade all}, on all hosts
   * at once or, with {@code rolling}, host by host (a host gets the proxy upgrade when it runs the app, the
   * accessory upgrade when it runs an accessory).
   */
  public void upgrade(boolean rolling) {
    ctx.lock().withLock(() -> {
      if (!rolling) {
        console.info("Upgrading all hosts...");
        proxyUpgrade(ctx, false);
        accessoryUpgrade(ctx, "all", ctx.config().accessories(), false);
        console.info("Upgraded all hosts");
        return;
      }
      List<String> appHosts = ctx.selection().appHosts();
      List<String> accessoryHosts = accessoryHosts(ctx);
      for (String host : ctx.selection().hosts()) {
        SpecificHosts one = new SpecificHosts(ctx, List.of(host));
        console.info("Upgrading " + host + "...");
        if (appHosts.contains(host)) {
          proxyUpgrade(one, false);
        }
        if (accessoryHosts.contains(host)) {
          accessoryUpgrade(one, "all", ctx.config().accessories(), false);
        }
        console.info("Upgraded " + host);
      }
    });
  }

  /**
   * Kamal's hidden {@code proxy upgrade}: for all selected hosts at once or (with {@code rolling}) one at a time:
   * {@code pre-proxy-reboot}, Traefik and kamal-proxy removed, then on that group {@code proxy boot}, {@code app
   * boot} of the version tagged latest (with its {@code pre/post-app-boot} hooks) and {@code prune all}, then
   * {@code post-proxy-reboot}. Like Kamal, it takes the lock only for the steps that take it themselves, unless the
   * caller holds it.
   */
  public void proxyUpgrade(boolean rolling) {
    proxyUpgrade(ctx, rolling);
  }

  /**
   * Kamal's {@code accessory upgrade NAME}: under the lock, {@code accessories} rebooted (so that they join the
   * {@code kamal} network) on the selected accessory hosts, all at once or (with {@code rolling}) one at a time.
   *
   * @param name the name the command was given ({@code all} or one accessory's), for the messages
   */
  public void accessoryUpgrade(String name, List<Accessory> accessories, boolean rolling) {
    accessoryUpgrade(ctx, name, accessories, rolling);
  }

  private void proxyUpgrade(FlowContext on, boolean rolling) {
    List<String> hosts = on.selection().hosts();
    List<List<String>> groups = rolling ? hosts.stream().map(List::of).toList() : List.of(hosts);
    String latest = latestTag(on.config());
    for (List<String> group : groups) {
      String list = String.join(",", group);
      console.info("Upgrading proxy on " + list + "...");
      on.hooks().run(HookPoint.PRE_PROXY_REBOOT, on.hookContext().withGroupHosts(group));
      FlowContext narrowed = new SpecificHosts(on, group);
      new ProxyFlows(narrowed).removeTraefikAndProxy(group);
      new ProxyFlows(narrowed).boot();
      new Deployer(narrowed).appBoot(latest);
      narrowed.lock().withLock(() ->
          new Deployer(narrowed).prune(narrowed.config().retainContainers(), true, true));
      on.hooks().run(HookPoint.POST_PROXY_REBOOT, on.hookContext().withGroupHosts(group));
      console.info("Upgraded proxy on " + list);
    }
  }

  private void accessoryUpgrade(FlowContext on, String names, List<Accessory> accessories, boolean rolling) {
    on.lock().withLock(() -> {
      List<String> hosts = accessoryHosts(on);
      List<List<String>> groups = rolling ? hosts.stream().map(List::of).toList() : List.of(hosts);
      for (List<String> group : groups) {
        String list = String.join(",", group);
        console.info("Upgrading " + names + " accessories on " + list + "...");
        new AccessoryFlows(new SpecificHosts(on, group)).reboot(accessories);
        console.info("Upgraded " + names + " accessories on " + list + "...");
      }
    });
  }

  /** Kamal's {@code accessory_hosts}: every accessory's hosts, in configuration order, that are selected. */
  private static List<String> accessoryHosts(FlowContext on) {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    on.config().accessories().forEach(accessory -> all.addAll(accessory.hosts()));
    List<String> selected = on.selection().hosts();
    return all.stream().filter(selected::contains).toList();
  }

  /** Kamal's {@code latest_tag}: the tag every boot gives the booted image ({@code latest[-destination]}). */
  static String latestTag(DeployConfig config) {
    return config.destination() == null ? "latest" : "latest-" + config.destination();
  }
}

package io.sextant.app;

import io.sextant.commands.AppCommands;
import io.sextant.commands.ContainerSpec;
import io.sextant.commands.EnvFile;
import io.sextant.config.DeployConfig;
import io.sextant.config.Role;
import io.sextant.config.Secrets;
import io.sextant.console.Console;
import io.sextant.ssh.SshHosts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Kamal's {@code app boot}: boots a version of the app on hosts, in the boot groups of {@code boot.limit}, each
 * group's hosts in parallel and, on a host, its roles one after the other; {@link GroupHooks} run around every
 * group (the {@code pre-app-boot}/{@code post-app-boot} hooks), {@code boot.wait} seconds pass after each, and
 * once every group is up the version is tagged {@code latest} on all the hosts. A group with a failure stops the
 * boot: later groups are not touched and the group's after-hook does not run.
 */
public final class AppBooter {
  /** The step name of {@link #tagLatest} in errors. */
  public static final String TAG_STEP = "tag of the latest image";

  private final SshHosts ssh;
  private final Console console;
  private final DeployConfig config;
  private final Secrets secrets;
  private final String version;

  /**
   * @param secrets the secrets (values of the roles' {@code env.secret} go into the env files)
   * @param version the version to boot
   */
  public AppBooter(SshHosts ssh, Console console, DeployConfig config, Secrets secrets, String version) {
    this.ssh = Objects.requireNonNull(ssh);
    this.console = Objects.requireNonNull(console);
    this.config = Objects.requireNonNull(config);
    this.secrets = Objects.requireNonNull(secrets);
    this.version = Objects.requireNonNull(version);
  }

  /**
   * Boots {@code roles} on {@code hosts} (each host gets the roles it belongs to), group by group, then tags the
   * version as latest on those hosts.
   *
   * @throws AppBootException naming every host, role and step that failed in the failing group
   */
  public List<BootResult> boot(List<String> hosts, List<Role> roles, GroupHooks hooks) {
    List<BootResult> results = bootWithoutTag(hosts, roles, hooks);
    tagLatest(hosts, roles);
    return results;
  }

  /**
   * {@link #boot} without the final tag, for a caller that runs {@link #tagLatestCommand} itself on
   * {@link #hostsToTag} (in the same exec as its next step).
   */
  public List<BootResult> bootWithoutTag(List<String> hosts, List<Role> roles, GroupHooks hooks) {
    console.info("Start container with version " + version + " using a " + config.readinessDelay()
        + "s readiness delay (or reboot if already running)...");
    List<BootResult> results = new ArrayList<>();
    for (List<String> group : config.bootGroups(hosts)) {
      hooks.beforeGroup(group);
      results.addAll(bootHosts(group, roles));
      hooks.afterGroup(group);
      Integer wait = config.boot().waitSeconds();
      if (wait != null && wait > 0) {
        console.info("Waiting " + wait + "s before the next boot group (boot/wait)");
        sleep(wait);
      }
    }
    return results;
  }

  /** Boots the roles on these hosts in parallel (no groups, no hooks, no tagging). */
  public List<BootResult> bootHosts(List<String> hosts, List<Role> roles) {
    List<BootResult> results = new ArrayList<>();
    List<BootFailure> failures = new ArrayList<>();
    for (HostOutcome outcome : HostTasks.forEach(hosts, host -> bootHost(host, roles),
        (host, e) -> new HostOutcome(List.of(), List.of(new BootFailure(host, "*", "boot", HostTasks.reason(e)))))) {
      results.addAll(outcome.booted());
      failures.addAll(outcome.failures());
    }
    if (!failures.isEmpty()) {
      throw new AppBootException(failures);
    }
    return results;
  }

  /** Tags the booted version as {@code latest} on those of {@code hosts} that run one of {@code roles}. */
  public void tagLatest(List<String> hosts, List<Role> roles) {
    List<String> booted = hostsToTag(hosts, roles);
    if (booted.isEmpty()) {
      return;
    }
    String tag = tagLatestCommand(roles);
    ssh.runAllOrThrow(TAG_STEP, booted, host -> tag);
  }

  /** Those of {@code hosts} that run one of {@code roles}: where {@link #tagLatest} tags. */
  public List<String> hostsToTag(List<String> hosts, List<Role> roles) {
    return hosts.stream()
        .filter(host -> roles.stream().anyMatch(role -> role.hostNames().contains(host)))
        .toList();
  }

  /** The command tagging the booted version as {@code latest} (the image is the same for every role). */
  public String tagLatestCommand(List<Role> roles) {
    return AppCommands.of(config, roles.get(0), version).tagLatestImage();
  }

  private record HostOutcome(List<BootResult> booted, List<BootFailure> failures) {}

  /** The host's roles one after the other; the first failure stops the host. */
  private HostOutcome bootHost(String host, List<Role> roles) {
    List<BootResult> booted = new ArrayList<>();
    Readiness readiness = new Readiness(ssh, console,
        Duration.ofSeconds(config.readinessDelay()), Duration.ofSeconds(config.deployTimeout()));
    for (Role role : roles) {
      if (!role.hostNames().contains(host)) {
        continue;
      }
      try {
        RoleBoot boot = new RoleBoot(ssh, console, host, AppCommands.of(config, role, version),
            ContainerSpec.of(config, role), EnvFile.variables(config, role, host, secrets),
            config.stopTimeoutFor(role),
            readiness);
        booted.add(boot.run());
      } catch (RoleBoot.StepFailed e) {
        console.error("Failed to boot " + role.name() + " on " + host);
        return new HostOutcome(booted, List.of(new BootFailure(host, role.name(), e.step, e.detail)));
      } catch (RuntimeException e) {
        console.error("Failed to boot " + role.name() + " on " + host);
        return new HostOutcome(booted, List.of(new BootFailure(host, role.name(), "boot", HostTasks.reason(e))));
      }
    }
    return new HostOutcome(booted, List.of());
  }

  private static void sleep(int seconds) {
    try {
      Thread.sleep(seconds * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AppBootException(List.of(new BootFailure("*", "*", "boot/wait", "interrupted")));
    }
  }
}

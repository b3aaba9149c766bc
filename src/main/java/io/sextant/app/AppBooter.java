package io.sextant.app;

import io.sextant.commands.AppCommands;
import io.sextant.commands.AppProxyCommands;
import io.sextant.commands.AssetCommands;
import io.sextant.commands.ContainerSpec;
import io.sextant.commands.EnvFile;
import io.sextant.config.DeployConfig;
import io.sextant.config.Role;
import io.sextant.config.Secrets;
import io.sextant.console.Console;
import io.sextant.ssh.SshHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Kamal's {@code app boot}: boots a version of the app on hosts, in the boot groups of {@code boot.limit}, each
 * group's hosts in parallel and, on a host, its roles one after the other (at the same time with
 * {@code boot.parallel_roles}: {@link BootLane}); {@link GroupHooks} run around every
 * group (the {@code pre-app-boot}/{@code post-app-boot} hooks), {@code boot.wait} seconds pass after each, and
 * once every group is up the version is tagged {@code latest} on all the hosts. A group with a failure stops the
 * boot: later groups are not touched and the group's after-hook does not run.
 *
 * <p>Roles behind kamal-proxy (the primary role unless {@code proxy: false}) are registered with the proxy once
 * their container runs; the files the proxy reads (error pages, custom certificates) go to every host first. The
 * first container of the primary role to be ready opens Kamal's health barrier: the other roles wait for it, and
 * do not boot when it fails ({@link Barrier}). What Sextant cannot boot is refused before anything runs
 * ({@code deploy.Preflight}).
 */
public final class AppBooter {
  /** The step name of {@link #tagLatest} in errors. */
  public static final String TAG_STEP = "tag of the latest image";

  private final SshHosts ssh;
  private final Console console;
  private final DeployConfig config;
  private final Secrets secrets;
  private final String version;
  private final Path workingDir;

  /**
   * @param secrets the secrets (values of the roles' {@code env.secret} go into the env files)
   * @param version the version to boot
   */
  public AppBooter(SshHosts ssh, Console console, DeployConfig config, Secrets secrets, String version) {
    this(ssh, console, config, secrets, version, io.sextant.invocation.Invocation.current().workingDir());
  }

  /** @param workingDir where a relative {@code error_pages_path} is found */
  public AppBooter(SshHosts ssh, Console console, DeployConfig config, Secrets secrets, String version,
      Path workingDir) {
    this.ssh = Objects.requireNonNull(ssh);
    this.console = Objects.requireNonNull(console);
    this.config = Objects.requireNonNull(config);
    this.secrets = Objects.requireNonNull(secrets);
    this.version = Objects.requireNonNull(version);
    this.workingDir = Objects.requireNonNull(workingDir);
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
    List<Role> ordered = primaryFirst(roles);
    List<String> bootHosts = hostsToTag(hosts, ordered);
    if (!bootHosts.isEmpty() && needsProxyFiles(ordered)) {
      new ProxyFiles(ssh, console, config, secrets, version, workingDir).upload(bootHosts, ordered);
    }
    Barrier barrier = new Barrier();
    List<BootResult> results = new ArrayList<>();
    for (List<String> group : config.bootGroups(hosts)) {
      hooks.beforeGroup(group);
      results.addAll(bootHosts(group, ordered, barrier));
      hooks.afterGroup(group);
      Integer wait = config.boot().waitSeconds();
      if (wait != null && wait > 0) {
        console.info("Waiting " + wait + "s before the next boot group (boot/wait)");
        sleep(wait);
      }
    }
    return results;
  }

  /** Boots the roles on these hosts in parallel, as {@code boot/parallel_roles} says (no groups, hooks or tag). */
  public List<BootResult> bootHosts(List<String> hosts, List<Role> roles) {
    return bootHosts(hosts, primaryFirst(roles), new Barrier());
  }

  private List<BootResult> bootHosts(List<String> hosts, List<Role> roles, Barrier barrier) {
    if (roles.isEmpty()) {
      return List.of();
    }
    String gate = roles.get(0).name();
    // A group without the barrier's role has nothing to wait for (Kamal puts primary hosts first; never hang).
    if (hosts.stream().noneMatch(host -> roles.get(0).hostNames().contains(host))) {
      barrier.open();
    }
    List<BootResult> results = new ArrayList<>();
    List<BootFailure> failures = new ArrayList<>();
    List<BootLane> lanes = BootLane.plan(hosts, roles, config.boot().parallelRoles());
    for (HostOutcome outcome : HostTasks.forEach(lanes, lane -> bootHost(lane.host(), lane.roles(), gate, barrier),
        (lane, e) -> new HostOutcome(List.of(),
            List.of(new BootFailure(lane.host(), lane.roleLabel(), "boot", HostTasks.reason(e)))))) {
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

  /**
   * The lane's roles on its host one after the other, the barrier's role ({@code gate}) first; the first failure
   * stops the lane. The gate role's result decides the barrier; every other role waits for it (Kamal's
   * {@code Cli::App::Boot}).
   */
  private HostOutcome bootHost(String host, List<Role> roles, String gate, Barrier barrier) {
    List<BootResult> booted = new ArrayList<>();
    Readiness readiness = new Readiness(ssh, console,
        Duration.ofSeconds(config.readinessDelay()), Duration.ofSeconds(config.deployTimeout()));
    for (Role role : roles) {
      if (!role.hostNames().contains(host)) {
        continue;
      }
      boolean gatekeeper = role.name().equals(gate);
      if (!gatekeeper && !passBarrier(host, role, gate, barrier)) {
        return new HostOutcome(booted, List.of(new BootFailure(host, role.name(), "barrier",
            "first " + gate + " container is unhealthy, not booting " + role.name())));
      }
      boolean ready = false;
      try {
        Runnable onReady = !gatekeeper ? () -> { } : () -> {
          if (barrier.open()) {
            console.info("First " + gate + " container is healthy on " + host + ", booting any other roles");
          }
        };
        RoleBoot boot = new RoleBoot(ssh, console, host, AppCommands.of(config, role, version),
            ContainerSpec.of(config, role), EnvFile.variables(config, role, host, secrets),
            config.stopTimeoutFor(role), readiness,
            config.runsProxy(role) ? AppProxyCommands.of(config, role, version) : null, onReady,
            AssetCommands.of(config, role, version).orElse(null));
        booted.add(boot.run());
        ready = true;
      } catch (RoleBoot.StepFailed e) {
        console.error("Failed to boot " + role.name() + " on " + host);
        return new HostOutcome(booted, List.of(new BootFailure(host, role.name(), e.step, e.detail)));
      } catch (RuntimeException e) {
        console.error("Failed to boot " + role.name() + " on " + host);
        return new HostOutcome(booted, List.of(new BootFailure(host, role.name(), "boot", HostTasks.reason(e))));
      } finally {
        if (gatekeeper && !ready && barrier.close()) {
          console.info("First " + gate + " container is unhealthy on " + host + ", not booting any other roles");
        }
      }
    }
    return new HostOutcome(booted, List.of());
  }

  /** Waits for the first container of the gate role; false when it failed. */
  private boolean passBarrier(String host, Role role, String gate, Barrier barrier) {
    console.info("Waiting for the first healthy " + gate + " container before booting " + role.name() + " on "
        + host + "...");
    if (barrier.await()) {
      console.info("First " + gate + " container is healthy, booting " + role.name() + " on " + host + "...");
      return true;
    }
    console.info("First " + gate + " container is unhealthy, not booting " + role.name() + " on " + host);
    return false;
  }

  /** The roles with the barrier's role first: the primary role when booted, else the first one (Kamal's order). */
  private List<Role> primaryFirst(List<Role> roles) {
    List<Role> ordered = new ArrayList<>(roles.stream().filter(r -> r.name().equals(config.primaryRole())).toList());
    roles.stream().filter(r -> !r.name().equals(config.primaryRole())).forEach(ordered::add);
    return ordered;
  }

  private boolean needsProxyFiles(List<Role> roles) {
    return config.errorPagesPath() != null
        || roles.stream().anyMatch(role -> config.runsProxy(role) && config.appProxy(role).customSslCertificate());
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

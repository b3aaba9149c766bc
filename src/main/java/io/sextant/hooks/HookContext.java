package io.sextant.hooks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a hook is told about the command that fires it (immutable; the {@code with...} methods return copies).
 * The first group describes the invocation; the last group are per-call extras set only where a hook point
 * needs them.
 *
 * @param service {@code service} of the configuration
 * @param version the app version ({@code KAMAL_VERSION})
 * @param destination {@code -d} value or {@code null}
 * @param hosts every selected host, the primary role's hosts first ({@code KAMAL_HOSTS}, as in Kamal)
 * @param roles the roles matched by {@code -r}, or {@code null} when no {@code -r} was given
 * @param rolesToHosts every selected role and its selected hosts (for the context file, B5)
 * @param command the top-level command word ({@code deploy}, {@code app}, ...), outer command for nested steps
 * @param subcommand the second word of two-word commands ({@code boot} for {@code app boot}), or {@code null}
 * @param lockHeld whether this process holds the deploy lock now ({@code KAMAL_LOCK})
 * @param lockToken the held lock's token ({@code KAMAL_LOCK_TOKEN}, D7), or {@code null}
 * @param performer who runs the command ({@code KAMAL_PERFORMER}); see {@link Performer}
 * @param previousVersion the version running before this deploy, when known ({@code KAMAL_PREVIOUS_VERSION})
 * @param runtime how long the deploy took ({@code KAMAL_RUNTIME} of post-deploy hooks), or {@code null}
 * @param error the failure's one-line message ({@code KAMAL_ERROR}, failure hook), or {@code null}
 * @param failedStep the step that failed ({@code KAMAL_FAILED_STEP}), or {@code null}
 * @param failedHosts the hosts where it failed ({@code KAMAL_FAILED_HOSTS}), or {@code null}
 * @param groupHosts the boot/reboot group ({@code KAMAL_HOSTS} of app-boot and proxy-reboot hooks), or {@code null}
 * @param dryRun set by {@code hooks run}: the hook gets {@code KAMAL_HOOK_DRY_RUN=1}
 * @param release the release command of this deploy ({@code x-release}) and how far it got, or {@code null}
 */
public record HookContext(
    String service,
    String version,
    String destination,
    List<String> hosts,
    List<String> roles,
    Map<String, List<String>> rolesToHosts,
    String command,
    String subcommand,
    boolean lockHeld,
    String lockToken,
    String performer,
    String previousVersion,
    Duration runtime,
    String error,
    String failedStep,
    List<String> failedHosts,
    List<String> groupHosts,
    boolean dryRun,
    Release release) {

  public HookContext {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(performer, "performer");
    hosts = List.copyOf(hosts == null ? List.of() : hosts);
    roles = roles == null ? null : List.copyOf(roles);
    rolesToHosts = rolesToHosts == null ? Map.of() : copyOrdered(rolesToHosts);
    failedHosts = failedHosts == null ? null : List.copyOf(failedHosts);
    groupHosts = groupHosts == null ? null : List.copyOf(groupHosts);
  }

  /** A context with the invocation's fields; no lock, no extras. */
  public static HookContext of(String service, String version, String destination, List<String> hosts,
      List<String> roles, Map<String, List<String>> rolesToHosts, String command, String subcommand,
      String performer) {
    return new HookContext(service, version, destination, hosts, roles, rolesToHosts, command, subcommand, false,
        null, performer, null, null, null, null, null, null, false, null);
  }

  private static Map<String, List<String>> copyOrdered(Map<String, List<String>> map) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    map.forEach((role, roleHosts) -> copy.put(role, List.copyOf(roleHosts)));
    return java.util.Collections.unmodifiableMap(copy);
  }

  public HookContext withVersion(String newVersion) {
    return new HookContext(service, newVersion, destination, hosts, roles, rolesToHosts, command, subcommand,
        lockHeld, lockToken, performer, previousVersion, runtime, error, failedStep, failedHosts, groupHosts, dryRun,
        release);
  }

  public HookContext withCommand(String newCommand, String newSubcommand) {
    return new HookContext(service, version, destination, hosts, roles, rolesToHosts, newCommand, newSubcommand,
        lockHeld, lockToken, performer, previousVersion, runtime, error, failedStep, failedHosts, groupHosts, dryRun,
        release);
  }

  /** The lock state: {@code held} with its token, or not held (the token is then dropped). */
  public HookContext withLock(boolean held, String token) {
    return new HookContext(service, version, destination, hosts, roles, rolesToHosts, command, subcommand, held,
        held ? token : null, performer, previousVersion, runtime, error, failedStep, failedHosts, groupHosts, dryRun,
        release);
  }

  public HookContext withPreviousVersion(String previous) {
    return new HookContext(service, version, destination, hosts, roles, rolesToHosts, command, subcommand,
        lockHeld, lockToken, performer, previous, runtime, error, failedStep, failedHosts, groupHosts, dryRun, release);
  }

  public HookContext withRuntime(Duration elapsed) {
    return new HookContext(service, version, destination, hosts, roles, rolesToHosts, command, subcommand,
        lockHeld, lockToken, performer, previousVersion, elapsed, error, failedStep, failedHosts, groupHosts, dryRun,
        release);
  }

  /** The failure fields of {@code post-deploy-failure} (B1). */
  public HookContext withFailure(String message, String step, List<String> onHosts) {
    return new HookContext(service, version, destination, hosts, roles, rolesToHosts, command, subcommand,
        lockHeld, lockToken, performer, previousVersion, runtime, message, step, onHosts, groupHosts, dryRun, release);
  }

  /** The boot or reboot group, given to app-boot and proxy-reboot hooks as {@code KAMAL_HOSTS}. */
  public HookContext withGroupHosts(List<String> group) {
    return new HookContext(service, version, destination, hosts, roles, rolesToHosts, command, subcommand,
        lockHeld, lockToken, performer, previousVersion, runtime, error, failedStep, failedHosts, group, dryRun,
        release);
  }

  public HookContext withDryRun(boolean dry) {
    return new HookContext(service, version, destination, hosts, roles, rolesToHosts, command, subcommand,
        lockHeld, lockToken, performer, previousVersion, runtime, error, failedStep, failedHosts, groupHosts, dry,
        release);
  }

  /** The release command and its state, shown to hooks in the context file. */
  public HookContext withRelease(Release newRelease) {
    return new HookContext(service, version, destination, hosts, roles, rolesToHosts, command, subcommand,
        lockHeld, lockToken, performer, previousVersion, runtime, error, failedStep, failedHosts, groupHosts, dryRun,
        newRelease);
  }

  /**
   * The release command of a deploy ({@code x-release}) as hooks see it.
   *
   * @param command the command as written
   * @param role the role whose container settings it runs with
   * @param host where it runs, or {@code null} when it does not run (skipped)
   * @param timeoutSeconds its timeout, or {@code null}
   * @param status {@code pending} (not run yet), {@code skipped}, {@code succeeded}, {@code failed} or
   *     {@code timed-out}
   */
  public record Release(String command, String role, String host, Integer timeoutSeconds, String status) {
    public Release {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(status, "status");
    }

    public Release withStatus(String newStatus) {
      return new Release(command, role, host, timeoutSeconds, newStatus);
    }
  }

  /**
   * {@code service@<first 7 chars>}, or the whole version when it contains {@code _}
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/tags.rb#L7-L31).
   */
  public String serviceVersion() {
    String abbreviated = version.contains("_") || version.length() <= 7 ? version : version.substring(0, 7);
    return service + "@" + abbreviated;
  }

  /** The hosts a hook point sees in {@code KAMAL_HOSTS}: the group when one is set, else every selected host. */
  public List<String> hostsFor(HookPoint hook) {
    return groupHosts != null ? groupHosts : hosts;
  }
}

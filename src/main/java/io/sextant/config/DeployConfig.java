package io.sextant.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated, merged configuration ({@code deploy.yml} with {@code deploy.<dest>.yml} on top), with Kamal's
 * defaults applied. Built only by {@link ConfigLoader}; immutable.
 *
 * @param image the image name (defaults to the service with a local registry)
 * @param roles roles in config order (a plain host list is the single role {@code web})
 * @param primaryRole the primary role's name ({@code primary_role}, default {@code web})
 * @param env the root {@code env:}
 * @param stopTimeout the root {@code stop_timeout}, or null
 * @param proxy the root {@code proxy:} as written: null, Boolean or a map
 * @param destination the {@code -d} destination, or null
 * @param raw the merged configuration as written (after ERB), for printing
 */
public record DeployConfig(
    String service,
    String image,
    List<Role> roles,
    String primaryRole,
    boolean allowEmptyRoles,
    RegistryConfig registry,
    EnvConfig env,
    BuilderConfig builder,
    SshConfig ssh,
    String hooksPath,
    HooksOutput hooksOutput,
    String secretsPath,
    int retainContainers,
    int readinessDelay,
    int deployTimeout,
    int drainTimeout,
    Integer stopTimeout,
    BootConfig boot,
    Map<String, String> labels,
    List<String> volumes,
    LoggingConfig logging,
    String minimumVersion,
    boolean requireDestination,
    String runDirectory,
    String assetPath,
    String errorPagesPath,
    Object proxy,
    List<Accessory> accessories,
    Map<String, String> aliases,
    HooksExtension hooksExtension,
    String destination,
    Map<String, Object> raw) {

  public static final String DEFAULT_HOOKS_PATH = ".kamal/hooks";
  /** Sextant's switch for the warm agent ({@link #agent()}). */
  public static final String AGENT_KEY = "x-agent";
  public static final String DEFAULT_SECRETS_PATH = ".kamal/secrets";
  /** Kamal 2.x always uses {@code .kamal} on the hosts, whatever {@code run_directory} says. */
  public static final String RUN_DIRECTORY = ".kamal";

  public DeployConfig {
    roles = List.copyOf(roles);
    labels = Ordered.copy(labels);
    volumes = List.copyOf(volumes);
    accessories = List.copyOf(accessories);
    aliases = Ordered.copy(aliases);
    raw = Ordered.copy(raw);
  }

  /** The role named {@code name}, if configured. */
  public Optional<Role> role(String name) {
    return roles.stream().filter(role -> role.name().equals(name)).findFirst();
  }

  /** The {@code x-release:} command, if configured ({@link ReleaseCommand}). */
  public Optional<ReleaseCommand> release() {
    return ReleaseCommand.of(raw, primaryRole);
  }

  /**
   * Sextant's {@code x-agent:} key (Kamal ignores {@code x-} keys): {@code false} keeps this project's commands off
   * the warm agent, empty when not set (docs/agent.md). Validated to be a boolean.
   */
  public Optional<Boolean> agent() {
    return Optional.ofNullable((Boolean) raw.get(AGENT_KEY));
  }

  /** The primary role, if configured (validation guarantees it unless only accessories are configured). */
  public Optional<Role> primaryRoleConfig() {
    return role(primaryRole);
  }

  /**
   * The primary host (where the deploy lock lives): the first host of the primary role, else of the first role
   * with hosts, else of the first accessory with hosts.
   */
  public Optional<String> primaryHost() {
    Optional<String> primary = primaryRoleConfig().flatMap(role -> role.hostNames().stream().findFirst());
    if (primary.isPresent()) {
      return primary;
    }
    return allHosts().stream().findFirst();
  }

  /** Every app host (roles only), the primary role's hosts first, without duplicates. */
  public List<String> appHosts() {
    LinkedHashSet<String> hosts = new LinkedHashSet<>();
    primaryRoleConfig().ifPresent(role -> hosts.addAll(role.hostNames()));
    roles.forEach(role -> hosts.addAll(role.hostNames()));
    return List.copyOf(hosts);
  }

  /**
   * Every host (Kamal's {@code KAMAL_HOSTS} without filters): app hosts with the primary role's first, then
   * accessory hosts, without duplicates.
   */
  public List<String> allHosts() {
    LinkedHashSet<String> hosts = new LinkedHashSet<>(appHosts());
    accessories.forEach(accessory -> hosts.addAll(accessory.hosts()));
    return List.copyOf(hosts);
  }

  /** The hosts of the roles {@code roleNames}, in config order of roles, without duplicates. */
  public List<String> hostsOfRoles(List<String> roleNames) {
    LinkedHashSet<String> hosts = new LinkedHashSet<>();
    roles.stream().filter(role -> roleNames.contains(role.name())).forEach(role -> hosts.addAll(role.hostNames()));
    return new ArrayList<>(hosts);
  }

  /** The roles a host belongs to, in config order. */
  public List<Role> rolesOf(String host) {
    return roles.stream().filter(role -> role.hostNames().contains(host)).toList();
  }

  /**
   * Whether {@code role} runs behind kamal-proxy: its own {@code proxy:} decides ({@code false}, or {@code true}
   * / a map); unset, only the primary role does, unless the root {@code proxy: false}.
   */
  public boolean runsProxy(Role role) {
    if (role.proxy() instanceof Boolean enabled) {
      return enabled;
    }
    if (role.proxy() != null) {
      return true;
    }
    return role.name().equals(primaryRole) && !Boolean.FALSE.equals(proxy);
  }

  /**
   * Seconds {@code docker stop} gives a container of {@code role} before killing it, or {@code null} for Docker's own
   * default: the role's {@code stop_timeout}, else the root one, else {@code drain_timeout} for a role without
   * kamal-proxy (kamal-proxy drains requests itself before the stop), as Kamal's <a
   * href="https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration/role.rb#L82-L91">Role#stop_args</a>.
   */
  public Integer stopTimeoutFor(Role role) {
    if (role.stopTimeout() != null) {
      return role.stopTimeout();
    }
    if (stopTimeout != null) {
      return stopTimeout;
    }
    return runsProxy(role) ? null : drainTimeout;
  }

  /**
   * The kamal-proxy settings for {@code role}: the root {@code proxy:} map with the role's own {@code proxy:} map
   * deep-merged over it (empty when neither is a map). Meaningful only when {@link #runsProxy(Role)}.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> proxyConfig(Role role) {
    Map<String, Object> base = proxy instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    if (role.proxy() instanceof Map<?, ?> own) {
      return Ordered.copy(ConfigLoader.deepMerge(base, (Map<String, Object>) own));
    }
    return Ordered.copy(base);
  }

  /** The kamal-proxy settings of {@code role} ({@link #proxyConfig(Role)} read); meaningful when it runs the proxy. */
  public ProxyConfig appProxy(Role role) {
    return ProxyConfig.of(role.name(), proxyConfig(role));
  }

  /** Whether {@code accessory} runs behind kamal-proxy (its {@code proxy:} is set and not false or empty). */
  public static boolean runsProxy(Accessory accessory) {
    return accessory.runsProxy();
  }

  /**
   * The hosts that run kamal-proxy: those of the roles that run it, then of the accessories that do, without
   * duplicates (Kamal's {@code proxy_hosts}).
   */
  public List<String> proxyHosts() {
    LinkedHashSet<String> hosts = new LinkedHashSet<>();
    roles.stream().filter(this::runsProxy).forEach(role -> hosts.addAll(role.hostNames()));
    accessories.stream().filter(DeployConfig::runsProxy).forEach(accessory -> hosts.addAll(accessory.hosts()));
    return List.copyOf(hosts);
  }

  /**
   * Every {@code proxy: run:} that applies to {@code host}: one per proxied role (the role's proxy settings merged
   * over the root ones) and proxied accessory on it that has one. Validation guarantees they are all equal.
   */
  @SuppressWarnings("unchecked")
  public List<ProxyRun> proxyRuns(String host) {
    List<ProxyRun> runs = new ArrayList<>();
    rolesOf(host).stream().filter(this::runsProxy)
        .forEach(role -> ProxyRun.of(proxyConfig(role)).ifPresent(runs::add));
    accessories.stream().filter(accessory -> accessory.hosts().contains(host) && runsProxy(accessory))
        .forEach(accessory -> {
          Object proxy = accessory.raw().get("proxy");
          if (proxy instanceof Map<?, ?> map) {
            ProxyRun.of((Map<String, Object>) map).ifPresent(runs::add);
          }
        });
    return runs;
  }

  /** How kamal-proxy runs on {@code host}: its {@code proxy: run:}, or empty for the boot config files. */
  public Optional<ProxyRun> proxyRun(String host) {
    return proxyRuns(host).stream().findFirst();
  }

  /** {@code <service>} or {@code <service>-<destination>} (lock and app directory names). */
  public String serviceAndDestination() {
    return destination == null ? service : service + "-" + destination;
  }

  /** The image repository: {@code <registry server>/<image>}, or {@code <image>} for Docker Hub. */
  public String repository() {
    return registry.server() == null ? image : registry.server() + "/" + image;
  }

  /**
   * Boot groups for the app hosts given (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L365):
   * percentages are of all hosts, accessories included.
   */
  public List<List<String>> bootGroups(List<String> hosts) {
    return boot.groups(hosts, allHosts().size());
  }
}

package io.sextant.config;

import io.sextant.SextantException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hosts and roles a command works on, from {@code -h/--hosts}, {@code -r/--roles} (comma lists, {@code *}
 * wildcards) and {@code -p/--primary}, as Kamal selects them
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commander/specifics.rb): the primary role's hosts first,
 * accessory hosts included when no role filter is given. A filter that matches nothing is a usage error.
 *
 * @param hosts the selected hosts ({@code KAMAL_HOSTS})
 * @param roles the roles matched by {@code -r}, or {@code null} without {@code -r} ({@code KAMAL_ROLES})
 * @param rolesToHosts every role with selected hosts, and those hosts, in config order
 */
public record HostSelection(List<String> hosts, List<String> roles, Map<String, List<String>> rolesToHosts) {
  public HostSelection {
    hosts = List.copyOf(hosts);
    roles = roles == null ? null : List.copyOf(roles);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    rolesToHosts.forEach((role, roleHosts) -> copy.put(role, List.copyOf(roleHosts)));
    rolesToHosts = java.util.Collections.unmodifiableMap(copy);
  }

  /** Everything: no filters. */
  public static HostSelection all(DeployConfig config) {
    return select(config, null, null, false);
  }

  /**
   * @param hostsFilter {@code -h} value or {@code null}
   * @param rolesFilter {@code -r} value or {@code null}
   * @param primaryOnly {@code -p}: only the first selected host
   */
  public static HostSelection select(DeployConfig config, String hostsFilter, String rolesFilter,
      boolean primaryOnly) {
    List<String> roleNames = null;
    List<String> hosts = new ArrayList<>();
    if (rolesFilter == null) {
      hosts.addAll(config.allHosts());
    } else {
      roleNames = matchRoles(config, patterns("--roles", rolesFilter));
      LinkedHashSet<String> ordered = new LinkedHashSet<>();
      if (roleNames.contains(config.primaryRole())) {
        config.primaryRoleConfig().ifPresent(role -> ordered.addAll(role.hostNames()));
      }
      ordered.addAll(config.hostsOfRoles(roleNames));
      hosts.addAll(ordered);
    }
    if (hostsFilter != null) {
      List<String> hostPatterns = patterns("--hosts", hostsFilter);
      hosts.removeIf(host -> hostPatterns.stream().noneMatch(pattern -> glob(pattern, host)));
      if (hosts.isEmpty()) {
        throw new SextantException("No hosts match --hosts '" + hostsFilter + "'"
            + (rolesFilter == null ? "" : " within --roles '" + rolesFilter + "'")
            + "; configured hosts: " + String.join(", ", config.allHosts()), SextantException.USAGE_OR_CONFIG);
      }
    }
    if (primaryOnly && !hosts.isEmpty()) {
      hosts = new ArrayList<>(hosts.subList(0, 1));
    }
    Map<String, List<String>> rolesToHosts = new LinkedHashMap<>();
    for (Role role : config.roles()) {
      if (roleNames == null || roleNames.contains(role.name())) {
        List<String> selected = hosts;
        List<String> roleHosts = role.hostNames().stream().filter(selected::contains).toList();
        if (!roleHosts.isEmpty()) {
          rolesToHosts.put(role.name(), roleHosts);
        }
      }
    }
    return new HostSelection(hosts, roleNames, rolesToHosts);
  }

  /**
   * This selection narrowed to those of {@code group} it has, the role filter kept (Kamal's
   * {@code with_specific_hosts}, which the rolling commands use for one host at a time).
   */
  public HostSelection only(List<String> group) {
    List<String> narrowed = hosts.stream().filter(group::contains).toList();
    Map<String, List<String>> roleHosts = new LinkedHashMap<>();
    rolesToHosts.forEach((role, selected) -> {
      List<String> kept = selected.stream().filter(group::contains).toList();
      if (!kept.isEmpty()) {
        roleHosts.put(role, kept);
      }
    });
    return new HostSelection(narrowed, roles, roleHosts);
  }

  /** The selected app roles (those with selected hosts), as configured. */
  public List<Role> selectedRoles(DeployConfig config) {
    return config.roles().stream().filter(role -> rolesToHosts.containsKey(role.name())).toList();
  }

  /** The selected hosts that run at least one selected role (accessory-only hosts left out). */
  public List<String> appHosts() {
    LinkedHashSet<String> app = new LinkedHashSet<>();
    for (String host : hosts) {
      if (rolesToHosts.values().stream().anyMatch(roleHosts -> roleHosts.contains(host))) {
        app.add(host);
      }
    }
    return List.copyOf(app);
  }

  private static List<String> matchRoles(DeployConfig config, List<String> rolePatterns) {
    Set<String> matched = new LinkedHashSet<>();
    for (String pattern : rolePatterns) {
      config.roles().stream().map(Role::name).filter(name -> glob(pattern, name)).forEach(matched::add);
    }
    if (matched.isEmpty()) {
      throw new SextantException("No roles match --roles '" + String.join(",", rolePatterns)
          + "'; configured roles: " + String.join(", ", config.roles().stream().map(Role::name).toList()),
          SextantException.USAGE_OR_CONFIG);
    }
    return List.copyOf(matched);
  }

  private static List<String> patterns(String flag, String commaSeparated) {
    List<String> patterns =
        Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (patterns.isEmpty()) {
      throw new SextantException(flag + " needs at least one name", SextantException.USAGE_OR_CONFIG);
    }
    return patterns;
  }

  private static boolean glob(String pattern, String name) {
    return FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(name));
  }
}

package io.sextant.app;

import io.sextant.config.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * One host's roles booted one after the other; the lanes of a boot group run at the same time. Without
 * {@code boot/parallel_roles} a host is one lane with all its roles (hosts in parallel, roles in turn); with it every
 * role of a host is a lane of its own, so the roles of a host boot concurrently, as Kamal's {@code on_roles} gives
 * each role its own thread (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/sshkit_with_ext.rb#L235-L268).
 * {@code app start} and {@code app stop} run in the same lanes ({@link RoleLanes}).
 *
 * @param host the host
 * @param roles its roles to boot, in order
 */
record BootLane(String host, List<Role> roles) {
  BootLane {
    roles = List.copyOf(roles);
  }

  /**
   * The lanes of a group. The barrier's role comes first in {@code roles}, so its lanes come first and start first
   * (the lanes of other roles wait at the barrier and must not take every thread before it is decided).
   *
   * @param hosts the group's hosts, in order
   * @param roles the roles booted, the barrier's role first
   */
  static List<BootLane> plan(List<String> hosts, List<Role> roles, boolean parallelRoles) {
    List<BootLane> lanes = new ArrayList<>();
    if (parallelRoles) {
      for (Role role : roles) {
        hosts.stream().filter(role.hostNames()::contains).forEach(host -> lanes.add(new BootLane(host, List.of(role))));
      }
      return List.copyOf(lanes);
    }
    for (String host : hosts) {
      List<Role> hostRoles = roles.stream().filter(role -> role.hostNames().contains(host)).toList();
      if (!hostRoles.isEmpty()) {
        lanes.add(new BootLane(host, hostRoles));
      }
    }
    return List.copyOf(lanes);
  }

  /** The role named in a failure of the whole lane: its one role, or {@code *} for several. */
  String roleLabel() {
    return roles.size() == 1 ? roles.get(0).name() : "*";
  }
}

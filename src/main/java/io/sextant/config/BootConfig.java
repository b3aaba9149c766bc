package io.sextant.config;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code boot: {limit, wait, parallel_roles}}: boot app hosts in groups of {@code limit} hosts (a number, or
 * {@code "N%"} of all hosts, accessory hosts included), sleeping {@code wait} seconds after each group
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L22-L31); with {@code parallel_roles} the
 * roles of a host boot at the same time instead of one after the other
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/sshkit_with_ext.rb#L235-L268).
 *
 * @param limit the group size, or null for one group
 * @param percent true when {@code limit} is a percentage
 * @param waitSeconds seconds to sleep after each group, or null
 * @param parallelRoles true when a host's roles boot concurrently
 */
public record BootConfig(Integer limit, boolean percent, Integer waitSeconds, boolean parallelRoles) {
  public static final BootConfig DEFAULT = new BootConfig(null, false, null, false);

  /** The group size for {@code allHostsCount} hosts (accessory hosts included), or empty for one group. */
  public java.util.OptionalInt groupSize(int allHostsCount) {
    if (limit == null) {
      return java.util.OptionalInt.empty();
    }
    return java.util.OptionalInt.of(percent ? Math.max(allHostsCount * limit / 100, 1) : limit);
  }

  /**
   * Splits the app hosts into boot groups ({@code each_slice}); {@code allHostsCount} is the count Kamal bases
   * percentages on (all hosts, accessory hosts included).
   */
  public List<List<String>> groups(List<String> hosts, int allHostsCount) {
    java.util.OptionalInt size = groupSize(allHostsCount);
    if (size.isEmpty() || hosts.isEmpty()) {
      return hosts.isEmpty() ? List.of() : List.of(List.copyOf(hosts));
    }
    int slice = Math.max(size.getAsInt(), 1);
    List<List<String>> groups = new ArrayList<>();
    for (int start = 0; start < hosts.size(); start += slice) {
      groups.add(List.copyOf(hosts.subList(start, Math.min(start + slice, hosts.size()))));
    }
    return List.copyOf(groups);
  }
}

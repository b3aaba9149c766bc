package io.sextant.app;

import io.sextant.SextantException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the hosts to boot into groups booted one after the other (Kamal's {@code boot.limit}): no limit = one
 * group; {@code N} = groups of N; {@code "P%"} = groups of {@code max(total * P / 100, 1)} where total counts every
 * host of the configuration, accessories included, as Kamal does.
 */
public final class BootGroups {
  private BootGroups() {}

  /**
   * @param hosts the hosts to boot, in order
   * @param limit {@code boot.limit}: {@code null}, an integer, or a string {@code "N"} / {@code "P%"}
   * @param totalHosts the number of hosts of the whole configuration (for percentages)
   */
  public static List<List<String>> of(List<String> hosts, Object limit, int totalHosts) {
    if (hosts.isEmpty()) {
      return List.of();
    }
    int size = groupSize(limit, totalHosts, hosts.size());
    List<List<String>> groups = new ArrayList<>();
    for (int from = 0; from < hosts.size(); from += size) {
      groups.add(List.copyOf(hosts.subList(from, Math.min(hosts.size(), from + size))));
    }
    return List.copyOf(groups);
  }

  static int groupSize(Object limit, int totalHosts, int hostCount) {
    if (limit == null) {
      return hostCount;
    }
    String text = limit.toString().strip();
    try {
      if (text.endsWith("%")) {
        int percent = Integer.parseInt(text.substring(0, text.length() - 1).strip());
        if (percent <= 0) {
          throw invalid(text);
        }
        return Math.max(totalHosts * percent / 100, 1);
      }
      int count = Integer.parseInt(text);
      if (count <= 0) {
        throw invalid(text);
      }
      return count;
    } catch (NumberFormatException e) {
      throw invalid(text);
    }
  }

  private static SextantException invalid(String text) {
    return new SextantException(
        "boot/limit: '" + text + "' is not a positive number of hosts nor a percentage like \"25%\"",
        SextantException.USAGE_OR_CONFIG);
  }
}

package kamalproxy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable host + path-prefix table, as kamal-proxy's service map: an exact host first, then the wildcard
 * {@code *.<rest after the first dot>}, then the default host ""; within a host the longest matching prefix wins
 * (a prefix matches whole path segments: {@code /api} matches {@code /api} and {@code /api/x}, not {@code /apix}).
 */
final class Routes {
  record Binding(String prefix, Service service) {
  }

  /** The service a request goes to and the prefix it matched. */
  record Match(Service service, String prefix) {
  }

  private final Map<String, List<Binding>> byHost;

  private Routes(Map<String, List<Binding>> byHost) {
    this.byHost = byHost;
  }

  static Routes of(Collection<Service> services) {
    Map<String, List<Binding>> table = new HashMap<>();
    for (Service service : services) {
      for (String host : service.options().hosts()) {
        for (String prefix : service.options().pathPrefixes()) {
          table.computeIfAbsent(host, h -> new ArrayList<>()).add(new Binding(prefix, service));
        }
      }
    }
    table.values().forEach(list -> list.sort(Comparator.comparingInt((Binding b) -> b.prefix().length()).reversed()));
    return new Routes(table);
  }

  /** The service bound to {@code host} (port dropped) and {@code path}, or null (404). */
  Match find(String hostHeader, String path) {
    List<Binding> bindings = bindingsFor(stripPort(hostHeader));
    if (bindings == null) {
      return null;
    }
    String slashed = withTrailingSlash(path);
    for (Binding binding : bindings) {
      if (slashed.startsWith(withTrailingSlash(binding.prefix()))) {
        return new Match(binding.service(), binding.prefix());
      }
    }
    return null;
  }

  /** Another service already bound to one of these host + prefix pairs, or null. */
  Service conflict(String name, DeployOptions options) {
    for (String host : options.hosts()) {
      for (Binding binding : byHost.getOrDefault(host, List.of())) {
        if (options.pathPrefixes().contains(binding.prefix()) && !binding.service().name().equals(name)) {
          return binding.service();
        }
      }
    }
    return null;
  }

  private List<Binding> bindingsFor(String host) {
    List<Binding> exact = byHost.get(host);
    if (exact != null) {
      return exact;
    }
    int dot = host.indexOf('.');
    if (dot > 0) {
      List<Binding> wildcard = byHost.get("*" + host.substring(dot));
      if (wildcard != null) {
        return wildcard;
      }
    }
    return byHost.get("");
  }

  static String stripPort(String host) {
    if (host == null) {
      return "";
    }
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end > 0 ? host.substring(1, end) : host;
    }
    int colon = host.indexOf(':');
    return colon > 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
  }

  private static String withTrailingSlash(String path) {
    return path.endsWith("/") ? path : path + "/";
  }
}

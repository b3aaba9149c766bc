package io.sextant.ssh;

import java.util.Objects;

/**
 * Where a named host is reached: Kamal host strings may carry a user and a port ({@code deploy@10.0.0.1:2222},
 * {@code [::1]:2222}); what they lack comes from {@link SshSettings}.
 */
record HostAddress(String name, String user, String hostName, int port) {

  HostAddress {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(hostName, "hostName");
  }

  static HostAddress parse(String name, SshSettings settings) {
    String rest = name.strip();
    String user = settings.user();
    int at = rest.lastIndexOf('@');
    if (at > 0) {
      user = rest.substring(0, at);
      rest = rest.substring(at + 1);
    }
    int port = settings.port();
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close > 0) {
        String after = rest.substring(close + 1);
        if (after.startsWith(":")) {
          port = parsePort(name, after.substring(1));
        }
        rest = rest.substring(1, close);
      }
    } else if (rest.indexOf(':') > 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
      int colon = rest.indexOf(':');
      port = parsePort(name, rest.substring(colon + 1));
      rest = rest.substring(0, colon);
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("empty host name in '" + name + "'");
    }
    return new HostAddress(name, user, rest, port);
  }

  private static int parsePort(String name, String text) {
    try {
      int port = Integer.parseInt(text);
      if (port > 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("invalid port in host '" + name + "'");
  }
}

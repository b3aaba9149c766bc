package io.sextant.config;

import java.util.List;

/** A server (host name or address, optionally {@code user@host:port} style as written) and its env tags. */
public record Host(String name, List<String> tags) {
  public Host {
    tags = List.copyOf(tags);
  }

  public Host(String name) {
    this(name, List.of());
  }
}

package io.sextant.config;

import java.util.List;
import java.util.Map;

/**
 * An accessory ({@code accessories: {db: {...}}}), validated; its keys are kept as written in {@link #raw()}
 * until the accessory commands are built. {@link #hosts()} is resolved from {@code host}, {@code hosts},
 * {@code role}, {@code roles}, {@code tag} or {@code tags}.
 */
public record Accessory(String name, String image, List<String> hosts, Map<String, Object> raw) {
  public Accessory {
    hosts = List.copyOf(hosts);
    raw = Ordered.copy(raw);
  }
}

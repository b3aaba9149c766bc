package io.sextant.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code env:}: clear values, secret names and (root only) per-tag env. A plain map ({@code env: {A: b}}) is all
 * clear. A secret entry is {@code NAME} or {@code NAME:SECRET_KEY} (the env var NAME takes the value of secret
 * SECRET_KEY).
 */
public record EnvConfig(Map<String, String> clear, List<String> secret, Map<String, EnvConfig> tags) {
  public static final EnvConfig EMPTY = new EnvConfig(Map.of(), List.of(), Map.of());

  public EnvConfig {
    clear = Ordered.copy(clear);
    secret = List.copyOf(secret);
    tags = Ordered.copy(tags);
  }

  /** Env var name → the secret key it reads, in config order. */
  public Map<String, String> secretKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String entry : secret) {
      int colon = entry.indexOf(':');
      if (colon >= 0) {
        keys.put(entry.substring(0, colon), entry.substring(colon + 1));
      } else {
        keys.put(entry, entry);
      }
    }
    return keys;
  }

  /** Env var name → secret value, looked up in {@code secrets}; a missing secret is a configuration error. */
  public Map<String, String> resolveSecrets(Secrets secrets) {
    Map<String, String> values = new LinkedHashMap<>();
    secretKeys().forEach((name, key) -> values.put(name, secrets.require(key)));
    return values;
  }

  /** This env with {@code override}'s clear values and secrets on top (a role's env over the root env). */
  public EnvConfig mergedWith(EnvConfig override) {
    Map<String, String> mergedClear = new LinkedHashMap<>(clear);
    mergedClear.putAll(override.clear);
    java.util.LinkedHashSet<String> mergedSecret = new java.util.LinkedHashSet<>(secret);
    mergedSecret.addAll(override.secret);
    return new EnvConfig(mergedClear, List.copyOf(mergedSecret), tags);
  }
}

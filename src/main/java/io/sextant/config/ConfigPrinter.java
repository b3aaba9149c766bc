package io.sextant.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.representer.Representer;

/**
 * {@code sextant config}: the merged configuration as YAML, with Kamal's key names, and no secret in it: literal
 * registry passwords (root and accessories), {@code ssh/key_data} and every occurrence of a secret value become
 * {@code [REDACTED]}.
 */
public final class ConfigPrinter {
  public static final String REDACTED = "[REDACTED]";

  private ConfigPrinter() {}

  public static String toYaml(DeployConfig config, Secrets secrets) {
    List<String> values = new ArrayList<>(secrets.values());
    values.sort(Comparator.comparingInt(String::length).reversed());
    Map<String, Object> raw = new LinkedHashMap<>(config.raw());
    redactLiteralPassword(raw);
    if (raw.get("ssh") instanceof Map<?, ?> ssh && ssh.get("key_data") instanceof List<?> keys) {
      Map<Object, Object> copy = new LinkedHashMap<>(ssh);
      copy.put("key_data", keys.stream().map(key -> REDACTED).toList());
      raw.put("ssh", copy);
    }
    if (raw.get("accessories") instanceof Map<?, ?> accessories) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      accessories.forEach((name, accessory) -> {
        if (accessory instanceof Map<?, ?> map) {
          Map<Object, Object> accessoryCopy = new LinkedHashMap<>(map);
          redactLiteralPassword(accessoryCopy);
          copy.put(name, accessoryCopy);
        } else {
          copy.put(name, accessory);
        }
      });
      raw.put("accessories", copy);
    }
    Object redacted = redact(raw, values);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setWidth(120);
    options.setSplitLines(false);
    Yaml yaml = new Yaml(new Representer(options), options);
    return redactText(yaml.dump(redacted), values);
  }

  /** A literal {@code registry/password} (not a one-item list naming a secret) is itself a secret. */
  private static void redactLiteralPassword(Map<? super String, Object> map) {
    if (map.get("registry") instanceof Map<?, ?> registry && registry.get("password") != null
        && !(registry.get("password") instanceof List<?>)) {
      Map<Object, Object> copy = new LinkedHashMap<>(registry);
      copy.put("password", REDACTED);
      map.put("registry", copy);
    }
  }

  private static Object redact(Object value, List<String> secrets) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(redact(key, secrets), redact(item, secrets)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(redact(item, secrets)));
      return copy;
    }
    if (value instanceof String text) {
      return redactText(text, secrets);
    }
    return value;
  }

  private static String redactText(String text, List<String> secrets) {
    String result = text;
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        result = result.replace(secret, REDACTED);
      }
    }
    return result;
  }
}

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
 * {@code sextant config}: Kamal's summary ({@link KamalSummary}) as Ruby's YAML, or with {@code --merged} the merged
 * configuration as YAML with Kamal's key names; no secret in either: literal registry passwords (root and
 * accessories), {@code ssh/key_data} and every occurrence of a secret value become {@code [REDACTED]}.
 */
public final class ConfigPrinter {
  public static final String REDACTED = Redaction.REDACTED;

  private ConfigPrinter() {}

  /**
   * What {@code kamal config} prints for {@code config} deploying {@code version}
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L128-L132), secrets redacted.
   */
  public static String summaryYaml(DeployConfig config, String version, Secrets secrets) {
    List<String> values = longestFirst(secrets);
    Map<Object, Object> summary = KamalSummary.of(config, version);
    RubyYaml.Symbol sshOptions = new RubyYaml.Symbol("ssh_options");
    if (summary.get(sshOptions) instanceof Map<?, ?> ssh) {
      summary.put(sshOptions, redactKeyData(ssh));
    }
    RubyYaml.Symbol accessories = new RubyYaml.Symbol("accessories");
    if (summary.get(accessories) instanceof Map<?, ?> map) {
      summary.put(accessories, redactAccessoryPasswords(map));
    }
    return redactText(RubyYaml.dump(redact(summary, values)), values);
  }

  /** The merged configuration as written (after ERB), keys in their order ({@code sextant config --merged}). */
  public static String toYaml(DeployConfig config, Secrets secrets) {
    List<String> values = longestFirst(secrets);
    Map<String, Object> raw = new LinkedHashMap<>(config.raw());
    redactLiteralPassword(raw);
    if (raw.get("ssh") instanceof Map<?, ?> ssh) {
      raw.put("ssh", redactKeyData(ssh));
    }
    if (raw.get("accessories") instanceof Map<?, ?> accessories) {
      raw.put("accessories", redactAccessoryPasswords(accessories));
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

  private static List<String> longestFirst(Secrets secrets) {
    List<String> values = new ArrayList<>(secrets.values());
    values.sort(Comparator.comparingInt(String::length).reversed());
    return values;
  }

  /** {@code key_data} holds private keys (or the names of secrets holding them): every entry is redacted. */
  private static Map<Object, Object> redactKeyData(Map<?, ?> ssh) {
    Map<Object, Object> copy = new LinkedHashMap<>(ssh);
    for (Object key : List.of("key_data", new RubyYaml.Symbol("key_data"))) {
      if (ssh.get(key) instanceof List<?> keys) {
        copy.put(key, keys.stream().map(item -> REDACTED).toList());
      }
    }
    return copy;
  }

  private static Map<Object, Object> redactAccessoryPasswords(Map<?, ?> accessories) {
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
    return copy;
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
    if (value instanceof RubyYaml.RubyObject object) {
      Map<String, Object> variables = new LinkedHashMap<>();
      object.variables().forEach((name, item) -> variables.put(name, redact(item, secrets)));
      return new RubyYaml.RubyObject(object.className(), variables);
    }
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
    return Redaction.redact(text, secrets);
  }
}

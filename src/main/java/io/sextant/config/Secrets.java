package io.sextant.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed secrets ({@code .kamal/secrets-common}, then {@code .kamal/secrets} or {@code .kamal/secrets.<dest>};
 * later files win): an immutable, ordered map of name to value. {@link #values()} is what output redaction needs.
 */
public final class Secrets {
  private final Map<String, String> values;
  private final List<String> files;

  /** @param files the files that were looked for, as shown in messages (whether or not they exist) */
  public Secrets(Map<String, String> values, List<String> files) {
    this.values = Ordered.copy(values);
    this.files = List.copyOf(files);
  }

  public static Secrets empty() {
    return new Secrets(Map.of(), List.of());
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** The secret's value; a missing one is a configuration error naming the files searched (Kamal's wording). */
  public String require(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new ConfigurationException("Secret '" + name + "' not found in " + String.join(", ", files));
    }
    return value;
  }

  public boolean contains(String name) {
    return values.containsKey(name);
  }

  /**
   * Every secret value to redact from output: all but blank ones (a value of spaces or newlines hides nothing, and
   * replacing it would garble every line).
   */
  public List<String> values() {
    return values.values().stream().filter(value -> !value.isBlank()).distinct().toList();
  }

  /** Name → value, in file order. */
  public Map<String, String> asMap() {
    return values;
  }

  /** The secrets files looked for, in reading order. */
  public List<String> files() {
    return files;
  }

  @Override
  public String toString() {
    return "Secrets" + values.keySet() + " (values redacted)";
  }
}

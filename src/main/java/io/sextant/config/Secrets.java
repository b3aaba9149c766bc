package io.sextant.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed secrets ({@code .kamal/secrets-common}, then {@code .kamal/secrets} or {@code .kamal/secrets.<dest>};
 * later files win): an immutable, ordered map of name to value, plus the keys whose {@code $(command)} failed.
 * A failed key fails only what reads it ({@link #require}, {@link #get}, or {@link #asMap} for the whole hash),
 * with the file, line and key. {@link #values()} is what output redaction needs.
 */
public final class Secrets {
  private final Map<String, String> values;
  private final Map<String, String> failures;
  private final List<String> files;
  private final List<String> existingFiles;

  /** @param files the files that were looked for, as shown in messages (whether or not they exist) */
  public Secrets(Map<String, String> values, List<String> files) {
    this(values, Map.of(), files, files);
  }

  /**
   * @param failures key → one-line message (file, line, key, why) for each key whose value could not be computed
   * @param files the files looked for, in reading order
   * @param existingFiles those of {@code files} that exist
   */
  Secrets(Map<String, String> values, Map<String, String> failures, List<String> files, List<String> existingFiles) {
    this.values = Ordered.copy(values);
    this.failures = Ordered.copy(failures);
    this.files = List.copyOf(files);
    this.existingFiles = List.copyOf(existingFiles);
  }

  public static Secrets empty() {
    return new Secrets(Map.of(), List.of());
  }

  /** The secret's value, if the files define it; a key whose {@code $(command)} failed is an error. */
  public Optional<String> get(String name) {
    throwIfFailed(name);
    return Optional.ofNullable(values.get(name));
  }

  /** The secret's value; a missing one is a configuration error naming the files (Kamal's wording). */
  public String require(String name) {
    throwIfFailed(name);
    String value = values.get(name);
    if (value == null) {
      if (existingFiles.isEmpty()) {
        throw new ConfigurationException("Secret '" + name + "' not found, no secret files ("
            + String.join(", ", files) + ") provided");
      }
      throw new ConfigurationException("Secret '" + name + "' not found in " + String.join(", ", existingFiles));
    }
    return value;
  }

  public boolean contains(String name) {
    return values.containsKey(name) || failures.containsKey(name);
  }

  /**
   * Every secret value to redact from output: all but blank ones (a value of spaces or newlines hides nothing, and
   * replacing it would garble every line). Failed keys have no value to redact.
   */
  public List<String> values() {
    return values.values().stream().filter(value -> !value.isBlank()).distinct().toList();
  }

  /** Name → value, in file order: the whole hash (hooks get it); any failed key is an error. */
  public Map<String, String> asMap() {
    failures.keySet().stream().findFirst().ifPresent(this::throwIfFailed);
    return values;
  }

  /** The keys whose {@code $(command)} failed, each with its one-line message. */
  public Map<String, String> failures() {
    return failures;
  }

  /** The secrets files looked for, in reading order. */
  public List<String> files() {
    return files;
  }

  private void throwIfFailed(String name) {
    String failure = failures.get(name);
    if (failure != null) {
      throw new ConfigurationException(failure);
    }
  }

  @Override
  public String toString() {
    return "Secrets" + values.keySet() + (failures.isEmpty() ? "" : ", failed " + failures.keySet())
        + " (values redacted)";
  }
}

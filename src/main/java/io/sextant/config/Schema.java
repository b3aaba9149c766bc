package io.sextant.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Type rules for the configuration tree, in the spirit of Kamal's validator (which checks a config against
 * its documented example): wrong types and unknown keys are reported with their key path, and every problem
 * is collected rather than stopping at the first.
 */
@FunctionalInterface
interface Schema {
  /** Checks {@code value} found at {@code path}, adding problems. */
  void check(Object value, String path, Problems problems);

  static String child(String path, Object key) {
    return path.isEmpty() ? String.valueOf(key) : path + "/" + key;
  }

  /** Kamal's "stringish": a string, number or boolean. */
  static Schema string() {
    return (value, path, problems) -> {
      if (!Scalars.isStringish(value)) {
        problems.at(path, "should be a string");
      }
    };
  }

  static Schema integer() {
    return (value, path, problems) -> {
      if (!Scalars.isInteger(value)) {
        problems.at(path, "should be an integer");
      } else if (Math.abs(((Number) value).doubleValue()) > Integer.MAX_VALUE) {
        problems.at(path, "is too large");
      }
    };
  }

  static Schema bool() {
    return (value, path, problems) -> {
      if (!(value instanceof Boolean)) {
        problems.at(path, "should be a boolean");
      }
    };
  }

  /** Any hash (its keys are free, like {@code options} and {@code args}). */
  static Schema anyHash() {
    return (value, path, problems) -> {
      if (!(value instanceof Map<?, ?>)) {
        problems.at(path, "should be a hash");
      }
    };
  }

  static Schema arrayOf(Schema element) {
    return (value, path, problems) -> {
      if (!(value instanceof List<?> list)) {
        problems.at(path, "should be an array");
        return;
      }
      for (int i = 0; i < list.size(); i++) {
        element.check(list.get(i), child(path, i), problems);
      }
    };
  }

  static Schema hashOf(Schema element) {
    return (value, path, problems) -> {
      if (!(value instanceof Map<?, ?> map)) {
        problems.at(path, "should be a hash");
        return;
      }
      map.forEach((key, item) -> element.check(item, child(path, key), problems));
    };
  }

  /**
   * A string, or an array of strings ({@code arch}): anything else, a bad element too, is one problem at the key,
   * in Kamal's words ({@code validate_array_of_or_type!}).
   */
  static Schema stringOrArray() {
    return (value, path, problems) -> {
      boolean ok = value instanceof List<?> list ? list.stream().allMatch(Scalars::isStringish)
          : Scalars.isStringish(value);
      if (!ok) {
        problems.at(path, "should be an array or a string");
      }
    };
  }

  /** The first rule whose type guard matches; otherwise the given type error. */
  static Schema either(String typeError, Guarded... alternatives) {
    return (value, path, problems) -> {
      for (Guarded alternative : alternatives) {
        if (alternative.accepts(value)) {
          alternative.schema().check(value, path, problems);
          return;
        }
      }
      problems.at(path, typeError);
    };
  }

  /** A rule applied to values of one shape. */
  record Guarded(java.util.function.Predicate<Object> accepts, Schema schema) {
    boolean accepts(Object value) {
      return accepts.test(value);
    }
  }

  static Guarded when(java.util.function.Predicate<Object> accepts, Schema schema) {
    return new Guarded(accepts, schema);
  }

  /** A hash with known keys only. */
  static ObjectSchema object() {
    return new ObjectSchema(false);
  }

  /** A hash with known keys, plus free {@code x-} extension keys. */
  static ObjectSchema objectWithExtensions() {
    return new ObjectSchema(true);
  }

  /** A hash whose keys are checked against a fixed list. */
  final class ObjectSchema implements Schema {
    private final Map<String, Schema> keys = new LinkedHashMap<>();
    private final boolean extensions;

    private ObjectSchema(boolean extensions) {
      this.extensions = extensions;
    }

    ObjectSchema key(String name, Schema schema) {
      keys.put(name, schema);
      return this;
    }

    ObjectSchema keys(Schema schema, String... names) {
      Arrays.stream(names).forEach(name -> keys.put(name, schema));
      return this;
    }

    List<String> names() {
      return List.copyOf(keys.keySet());
    }

    @Override
    public void check(Object value, String path, Problems problems) {
      if (!(value instanceof Map<?, ?> map)) {
        problems.at(path, "should be a hash");
        return;
      }
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        String keyPath = child(path, key);
        Schema schema = keys.get(key);
        if (schema != null) {
          schema.check(entry.getValue(), keyPath, problems);
        } else if (!(extensions && key.startsWith("x-"))) {
          problems.at(keyPath, "unknown key" + suggestion(key));
        }
      }
    }

    private String suggestion(String key) {
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      for (String known : keys.keySet()) {
        int distance = distance(key, known);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = known;
        }
      }
      if (best == null || bestDistance > Math.max(1, Math.min(3, key.length() / 3))) {
        return keys.size() <= 12 ? " (known keys: " + String.join(", ", keys.keySet()) + ")" : "";
      }
      return " (did you mean " + best + "?)";
    }

    private static int distance(String a, String b) {
      int[] previous = new int[b.length() + 1];
      int[] current = new int[b.length() + 1];
      for (int j = 0; j <= b.length(); j++) {
        previous[j] = j;
      }
      for (int i = 1; i <= a.length(); i++) {
        current[0] = i;
        for (int j = 1; j <= b.length(); j++) {
          int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
          current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        }
        int[] swap = previous;
        previous = current;
        current = swap;
      }
      return previous[b.length()];
    }
  }
}

package io.sextant.secrets;

import io.sextant.commands.JsonText;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads vendor CLIs' JSON (through the YAML parser: JSON is YAML's flow style); writing is
 * {@link JsonText}'s.
 */
final class Json {
  private Json() {}

  static Object parse(String text, String what) {
    try {
      Object value = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
      if (value == null) {
        throw new VaultException("Could not parse the output of " + what + " as JSON");
      }
      return value;
    } catch (RuntimeException e) {
      if (e instanceof VaultException vault) {
        throw vault;
      }
      throw new VaultException("Could not parse the output of " + what + " as JSON");
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String text, String what) {
    if (parse(text, what) instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new VaultException("Could not parse the output of " + what + " as a JSON object");
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(String text, String what) {
    if (parse(text, what) instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw new VaultException("Could not parse the output of " + what + " as a JSON array");
  }

  /** A value as Kamal keeps it: strings as they are, anything else as its JSON text. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof String string ? string : JsonText.write(value);
  }
}

package io.sextant.secrets;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads vendor CLIs' JSON (through the YAML parser: JSON is YAML's flow style) and writes a flat string map as
 * Ruby's {@code JSON.dump} does ({@code {"a":"b"}}, no spaces, {@code /} and non-ASCII left as they are).
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
    return value instanceof String string ? string : write(value);
  }

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      quote(out, text);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      String separator = "";
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(separator);
        quote(out, String.valueOf(entry.getKey()));
        out.append(':');
        append(out, entry.getValue());
        separator = ",";
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        append(out, list.get(i));
      }
      out.append(']');
    } else {
      out.append(value);
    }
  }

  private static void quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    out.append('"');
  }
}

package io.sextant.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * How Kamal (Ruby) sees YAML values: which ones count as strings ("stringish": strings, numbers, booleans),
 * and how they print ({@code to_s}). Values come from {@link YamlSource}: String, Boolean, Integer/Long/BigInteger,
 * Double, null, {@code Map<String,Object>}, {@code List<Object>}, or anything else snakeyaml builds (dates,
 * binary, sets), which no key accepts as a string.
 */
final class Scalars {
  private Scalars() {}

  /** Kamal's {@code stringish?}: String, Symbol, Numeric, true or false. */
  static boolean isStringish(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  static boolean isInteger(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
  }

  /** Ruby's {@code to_s} for a stringish value (nil becomes the empty string). */
  static String toS(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return rubyFloat(d);
    }
    return String.valueOf(value);
  }

  /** A Psych symbol ({@code :verbose}) as its name; other strings unchanged. */
  static String symbolName(String value) {
    return value.length() > 1 && value.startsWith(":") ? value.substring(1) : value;
  }

  private static String rubyFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e16) {
      return new BigDecimal(d).toBigInteger() + ".0";
    }
    return Double.toString(d);
  }

  /** A short name of the value's YAML type, for messages. */
  static String typeName(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof Map) {
      return "a hash";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (isInteger(value)) {
      return "an integer";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof String) {
      return "a string";
    }
    return "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }
}

package io.sextant.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes values as Ruby's {@code to_yaml} (Psych over libyaml) writes them, so that {@code sextant config} prints
 * what {@code kamal config} prints: {@code ---} first, block style, sequences in a mapping not indented, symbols
 * as {@code :name}, and each string quoted exactly when Psych quotes it
 * (<a href="https://github.com/ruby/psych/blob/v5.1.2/lib/psych/visitors/yaml_tree.rb#L267-L301">YAMLTree#visit_String</a>:
 * double quotes for a string starting with a non-word character and holding no {@code "}, single quotes for one
 * that would read back as something else than a string, e.g. {@code '999'} or {@code 'true'}). Long plain strings
 * are not folded at 80 columns as libyaml folds them; the value read back is the same.
 */
public final class RubyYaml {
  /** A Ruby symbol ({@code :roles}): Kamal's summary has symbol keys. */
  public record Symbol(String name) {}

  /** A Ruby object Psych writes with its class tag and instance variables (e.g. a net-ssh proxy). */
  public record RubyObject(String className, Map<String, Object> variables) {}

  private static final Pattern NON_WORD_START = Pattern.compile("^[^\\p{L}\\p{M}\\p{Nd}\\p{Pc}][^\"]*$");
  private static final Pattern STRINGY =
      Pattern.compile("^[^\\d.:-]?[\\p{IsAlphabetic}_\\s!@$%^&*(){}<>|/\\\\~;=]+");
  private static final Pattern TIME = Pattern.compile(
      "^-?\\d{4}-\\d{1,2}-\\d{1,2}(?:[Tt]|\\s+)\\d{1,2}:\\d\\d:\\d\\d(?:\\.\\d*)?(?:\\s*(?:Z|[-+]\\d{1,2}:?(?:\\d\\d)?))?$");
  private static final Pattern DATE = Pattern.compile("^\\d{4}-(?:1[012]|0\\d|\\d)-(?:[12]\\d|3[01]|0\\d|\\d)$");
  private static final Pattern SPECIAL_FLOAT = Pattern.compile("^(?:[-+]?\\.inf|\\.nan)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern SEXAGESIMAL = Pattern.compile("^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}(\\.[0-9_]*)?$");
  private static final Pattern FLOAT = Pattern.compile("^(?:[-+]?([0-9][0-9_,]*)?\\.[0-9]*([eE][-+][0-9]+)?)$");
  private static final Pattern INTEGER = Pattern.compile("^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+"
      + "|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$");
  private static final Pattern OCTAL_LOOKALIKE = Pattern.compile("^0[0-7]*[89]");

  private RubyYaml() {}

  /** {@code value.to_yaml}. */
  public static String dump(Object value) {
    StringBuilder out = new StringBuilder("---");
    if (isBlockCollection(value)) {
      out.append('\n');
      node(out, value, 0, false);
    } else {
      inline(out, value, 0);
    }
    return out.toString();
  }

  private static boolean isBlockCollection(Object value) {
    return value instanceof Map<?, ?> map && !map.isEmpty() || value instanceof List<?> list && !list.isEmpty()
        || value instanceof RubyObject;
  }

  /** A mapping or sequence in block style, starting at the beginning of a line. */
  private static void node(StringBuilder out, Object value, int indent, boolean inMapping) {
    if (value instanceof RubyObject object) {
      node(out, object.variables(), indent, inMapping);
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> {
        out.append(" ".repeat(indent));
        out.append(scalar(key));
        out.append(':');
        if (isBlockCollection(item)) {
          if (item instanceof RubyObject object) {
            out.append(" !ruby/object:").append(object.className());
          }
          out.append('\n');
          node(out, item, item instanceof List<?> ? indent : indent + 2, true);
        } else {
          inline(out, item, indent + 2);
        }
      });
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        out.append(" ".repeat(indent)).append('-');
        if (isBlockCollection(item) && !(item instanceof RubyObject)) {
          StringBuilder nested = new StringBuilder();
          node(nested, item, indent + 2, false);
          out.append(' ').append(nested.substring(indent + 2));
        } else {
          inline(out, item, indent + 2);
        }
      }
    }
  }

  /** A value after {@code key:} or {@code -}: a space and the scalar (or empty collection), then the line end. */
  private static void inline(StringBuilder out, Object value, int indent) {
    if (value == null) {
      out.append('\n');
    } else if (value instanceof Map<?, ?>) {
      out.append(" {}\n");
    } else if (value instanceof List<?>) {
      out.append(" []\n");
    } else if (value instanceof String text && text.indexOf('\n') >= 0 && text.indexOf('\n') < text.length() - 1) {
      literal(out, text, indent);
    } else {
      out.append(' ').append(scalar(value)).append('\n');
    }
  }

  /** A multi-line string as a literal block ({@code |}, {@code |-} or {@code |+} by its trailing line breaks). */
  private static void literal(StringBuilder out, String text, int indent) {
    String chomp = !text.endsWith("\n") ? "-" : text.endsWith("\n\n") ? "+" : "";
    out.append(" |").append(text.startsWith(" ") ? "2" : "").append(chomp).append('\n');
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    for (String line : body.split("\n", -1)) {
      out.append(line.isEmpty() ? "" : " ".repeat(indent) + line).append('\n');
    }
  }

  static String scalar(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Symbol symbol) {
      return ":" + symbol.name();
    }
    if (value instanceof String text) {
      return string(text);
    }
    return String.valueOf(value);
  }

  private static String string(String text) {
    if (text.equals("y") || text.equals("Y") || text.equals("n") || text.equals("N")) {
      return doubleQuoted(text);
    }
    if (NON_WORD_START.matcher(text).find()) {
      return doubleQuoted(text);
    }
    if (!readsBackAsString(text) || OCTAL_LOOKALIKE.matcher(text).find()) {
      return singleQuoted(text);
    }
    if (!plainAllowed(text)) {
      return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? doubleQuoted(text) : singleQuoted(text);
    }
    return text;
  }

  /**
   * Whether Psych's scalar scanner reads {@code text} back as a string (its {@code tokenize}): not null, a
   * boolean, a number, a time, a date or a symbol.
   */
  static boolean readsBackAsString(String text) {
    if (text.isEmpty()) {
      return false;
    }
    if (STRINGY.matcher(text).find() || text.contains("\n")) {
      if (text.length() > 5 || "ytonf~".indexOf(Character.toLowerCase(text.charAt(0))) < 0) {
        return true;
      }
      String lower = text.toLowerCase(Locale.ROOT);
      return !List.of("~", "null", "yes", "true", "on", "no", "false", "off").contains(lower);
    }
    if (TIME.matcher(text).find() || DATE.matcher(text).find() || SPECIAL_FLOAT.matcher(text).find()
        || text.matches("^:.+") || SEXAGESIMAL.matcher(text).find()) {
      return false;
    }
    if (FLOAT.matcher(text).find()) {
      return text.matches("[-+]?\\.");
    }
    return !INTEGER.matcher(text).find();
  }

  /** libyaml's test for a plain scalar in block context (yaml_emitter_analyze_scalar). */
  private static boolean plainAllowed(String text) {
    if (text.startsWith("---") || text.startsWith("...")) {
      return false;
    }
    if (text.startsWith(" ") || text.endsWith(" ") || "-?:,[]{}#&*!|>'\"%@`".indexOf(text.charAt(0)) >= 0
        && !(text.length() > 1 && "-?:".indexOf(text.charAt(0)) >= 0 && text.charAt(1) != ' ')) {
      return false;
    }
    return !text.contains(": ") && !text.contains(" #") && !text.endsWith(":")
        && text.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
  }

  private static String singleQuoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static String doubleQuoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\0' -> out.append("\\0");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case 0x1b -> out.append("\\e");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}

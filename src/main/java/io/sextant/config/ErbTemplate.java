package io.sextant.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fast path of ERB: the forms most {@code deploy.yml} files use, rendered without Ruby: {@code <%= ENV["X"] %>},
 * {@code <%= ENV.fetch("X") %>}, {@code <%= ENV.fetch("X", "default") %>}, {@code <%= ENV["X"] || "default" %>},
 * {@code <%# comments %>}, {@code <%%} and Kamal's {@code trim_mode: "-"} ({@code -%>} eats the newline after the
 * tag, {@code <%-} the indentation before it). Anything else throws {@link NeedsRuby}, and {@link ErbRenderer}
 * renders the whole template with Ruby's ERB instead ({@link RubyErb}): a tag is never left in place or silently
 * dropped.
 *
 * <p>Rendering keeps a map from rendered lines back to source lines, so YAML errors point at the line the user
 * wrote.
 */
final class ErbTemplate {
  private ErbTemplate() {}

  /**
   * The template needs Ruby beyond the fast path; the message (file, line, tag) is what a user sees when no Ruby
   * is available.
   */
  static final class NeedsRuby extends ConfigurationException {
    private static final long serialVersionUID = 1L;
    private final String where;

    NeedsRuby(String where, String message) {
      super(message);
      this.where = where;
    }

    /** {@code file:line} of the first tag that needs Ruby. */
    String where() {
      return where;
    }
  }

  /** Rendered text plus, for each rendered line (1-based), the source line it came from. */
  record Rendered(String text, int[] sourceLines) {
    int sourceLine(int renderedLine) {
      if (renderedLine < 1) {
        return 1;
      }
      return renderedLine <= sourceLines.length ? sourceLines[renderedLine - 1] : sourceLines[sourceLines.length - 1];
    }
  }

  static Rendered render(String source, String fileName, Map<String, String> env) {
    StringBuilder out = new StringBuilder(source.length());
    List<Integer> lineSources = new ArrayList<>();
    lineSources.add(1);
    int line = 1;
    int i = 0;
    int n = source.length();
    while (i < n) {
      int open = source.indexOf("<%", i);
      int textEnd = open < 0 ? n : open;
      for (int k = i; k < textEnd; k++) {
        char c = source.charAt(k);
        out.append(c);
        if (c == '\n') {
          line++;
          lineSources.add(line);
        }
      }
      if (open < 0) {
        break;
      }
      if (open + 2 < n && source.charAt(open + 2) == '%') {
        out.append("<%");
        i = open + 3;
        continue;
      }
      int tagLine = line;
      int close = source.indexOf("%>", open + 2);
      if (close < 0) {
        throw new ConfigurationException(fileName + ":" + tagLine + ": unterminated ERB tag (missing %>)");
      }
      String inner = source.substring(open + 2, close);
      for (int k = open; k < close; k++) {
        if (source.charAt(k) == '\n') {
          line++;
        }
      }
      boolean trimRight = inner.endsWith("-");
      if (trimRight) {
        inner = inner.substring(0, inner.length() - 1);
      }
      if (inner.startsWith("-")) {
        inner = inner.substring(1);
        trimIndentation(out);
      }
      i = close + 2;
      int eaten = 0;
      if (trimRight) {
        eaten = i < n && source.charAt(i) == '\n' ? 1
            : i + 1 < n && source.charAt(i) == '\r' && source.charAt(i + 1) == '\n' ? 2 : 0;
        if (eaten > 0) {
          i += eaten;
          line++;
          if (currentLineIsBlank(out)) {
            // A tag alone on its line vanishes: the rendered line now holds the next source line.
            lineSources.set(lineSources.size() - 1, line);
          }
        }
      }
      if (inner.startsWith("#")) {
        continue;
      }
      if (isRubyComment(inner)) {
        if (inner.isBlank() || eaten > 0 || i >= n) {
          continue;
        }
        // Ruby's ERB puts the text after `<% # note %>` on the comment's line of code: it vanishes.
        throw new NeedsRuby(fileName + ":" + tagLine, fileName + ":" + tagLine + ": ERB tag <%" + oneLine(inner)
            + "%> needs Ruby");
      }
      if (!inner.startsWith("=")) {
        throw new NeedsRuby(fileName + ":" + tagLine, fileName + ":" + tagLine + ": ERB tag <%" + oneLine(inner)
            + "%> needs Ruby");
      }
      String expression = inner.substring(1);
      String value = new Expression(expression, fileName, tagLine, env).evaluate();
      for (int k = 0; k < value.length(); k++) {
        char c = value.charAt(k);
        out.append(c);
        if (c == '\n') {
          lineSources.add(tagLine);
        }
      }
    }
    int[] lines = lineSources.stream().mapToInt(Integer::intValue).toArray();
    return new Rendered(out.toString(), lines);
  }

  private static boolean currentLineIsBlank(StringBuilder out) {
    for (int k = out.length() - 1; k >= 0 && out.charAt(k) != '\n'; k--) {
      if (!Character.isWhitespace(out.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** {@code <% # note %>}: Ruby code that is only a comment (or nothing) outputs nothing. */
  private static boolean isRubyComment(String code) {
    String trimmed = code.strip();
    return !code.startsWith("=") && (trimmed.isEmpty() || (trimmed.startsWith("#") && trimmed.indexOf('\n') < 0));
  }

  /** {@code <%-}: drop spaces and tabs before the tag when only they precede it on its line. */
  private static void trimIndentation(StringBuilder out) {
    int k = out.length();
    while (k > 0 && (out.charAt(k - 1) == ' ' || out.charAt(k - 1) == '\t')) {
      k--;
    }
    if (k == 0 || out.charAt(k - 1) == '\n') {
      out.setLength(k);
    }
  }

  private static String oneLine(String text) {
    String flat = text.replace('\n', ' ').replace('\r', ' ');
    return flat.length() > 60 ? flat.substring(0, 57) + "..." : flat;
  }

  /** A recursive-descent parser and evaluator for {@code term ('||' term)*}. */
  private static final class Expression {
    private final String text;
    private final String fileName;
    private final int line;
    private final Map<String, String> env;
    private int pos;
    private ConfigurationException missing;

    Expression(String text, String fileName, int line, Map<String, String> env) {
      this.text = text;
      this.fileName = fileName;
      this.line = line;
      this.env = env;
    }

    String evaluate() {
      String result = term();
      skipSpace();
      while (text.startsWith("||", pos)) {
        pos += 2;
        String alternative = term();
        if (result == null) {
          result = alternative;
        }
        skipSpace();
      }
      if (pos != text.length()) {
        throw unsupported();
      }
      if (missing != null) {
        throw missing;
      }
      return result == null ? "" : result;
    }

    /** A term's value; null stands for Ruby's nil. */
    private String term() {
      skipSpace();
      if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')) {
        return stringLiteral();
      }
      if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '-')) {
        return number();
      }
      if (text.startsWith("nil", pos)) {
        pos += 3;
        return null;
      }
      if (!text.startsWith("ENV", pos)) {
        throw unsupported();
      }
      pos += 3;
      skipSpace();
      if (text.startsWith("[", pos)) {
        pos++;
        skipSpace();
        String name = stringLiteral();
        skipSpace();
        expect(']');
        return env.get(name);
      }
      if (text.startsWith(".fetch", pos)) {
        pos += 6;
        skipSpace();
        expect('(');
        skipSpace();
        String name = stringLiteral();
        skipSpace();
        String fallback = null;
        boolean hasFallback = false;
        if (text.startsWith(",", pos)) {
          pos++;
          skipSpace();
          hasFallback = true;
          fallback = term();
          skipSpace();
        }
        expect(')');
        String value = env.get(name);
        if (value != null) {
          return value;
        }
        if (!hasFallback && missing == null) {
          // Raised once the whole expression is read: a method call after it would make it Ruby's to evaluate.
          missing = new ConfigurationException(fileName + ":" + line + ": ERB ENV.fetch(\"" + name
              + "\"): environment variable " + name + " is not set (set it, or give a default: ENV.fetch(\""
              + name + "\", \"default\"))");
        }
        return fallback;
      }
      throw unsupported();
    }

    private String number() {
      int start = pos;
      if (text.charAt(pos) == '-') {
        pos++;
      }
      while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      String written = text.substring(start, pos);
      String digits = written.replace("_", "");
      String magnitude = digits.startsWith("-") ? digits.substring(1) : digits;
      // Octal (007), -0, and misplaced underscores read differently in Ruby: let Ruby read them.
      if (magnitude.isEmpty() || (magnitude.startsWith("0") && !digits.equals("0")) || written.endsWith("_")
          || written.contains("__") || written.startsWith("-_")) {
        throw unsupported();
      }
      return digits;
    }

    private String stringLiteral() {
      if (pos >= text.length()) {
        throw unsupported();
      }
      char quote = text.charAt(pos);
      if (quote != '"' && quote != '\'') {
        throw unsupported();
      }
      pos++;
      StringBuilder value = new StringBuilder();
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (c == quote) {
          return value.toString();
        }
        if (c == '\\' && pos < text.length()) {
          char next = text.charAt(pos++);
          if (quote == '\'') {
            if (next != '\'' && next != '\\') {
              value.append('\\');
            }
            value.append(next);
          } else {
            if ("uxcCM1234567".indexOf(next) >= 0
                || (next == '0' && pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '7')) {
              throw unsupported(); // unicode, hex, octal and control escapes: Ruby decodes them
            }
            value.append(switch (next) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case 's' -> ' ';
              case '0' -> '\0';
              case 'e' -> '\u001b';
              case 'a' -> '\u0007';
              case 'b' -> '\b';
              case 'f' -> '\f';
              case 'v' -> '\u000b';
              default -> next;
            });
          }
        } else if (c == '#' && quote == '"' && pos < text.length() && text.charAt(pos) == '{') {
          throw unsupported();
        } else {
          value.append(c);
        }
      }
      throw unsupported();
    }

    private void expect(char c) {
      if (pos >= text.length() || text.charAt(pos) != c) {
        throw unsupported();
      }
      pos++;
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private NeedsRuby unsupported() {
      return new NeedsRuby(fileName + ":" + line, fileName + ":" + line + ": ERB expression <%=" + oneLine(text)
          + "%> needs Ruby");
    }
  }
}

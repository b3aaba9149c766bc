package io.sextant.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * A real Ruby that renders a whole ERB template as Kamal does: the {@code ruby} on {@code PATH}
 * ({@link RubyProcessErb}) or JRuby in this JVM ({@link RubyErb}).
 */
interface RubyEngine {
  /** Renders {@code source} (named {@code fileName} in messages) with {@code ENV} and {@code Dir.pwd} given. */
  ErbTemplate.Rendered render(String source, String fileName, Map<String, String> environment, Path workingDir);

  /** The Ruby on {@code PATH} when there is one (exactly the Ruby Kamal runs on), else JRuby. */
  static RubyEngine forTemplate(Map<String, String> environment, String needer) {
    RubyEngine onPath = RubyProcessErb.onPath(environment);
    return onPath != null ? onPath : RubyErb.shared(environment, needer);
  }

  /** The error for a template Ruby could not render: {@code kind} is an exception class or "syntax error". */
  static ConfigurationException failure(String fileName, String kind, String message, Integer line) {
    String where = line != null ? fileName + ":" + line : fileName;
    if (kind.equals("syntax error")) {
      return new ConfigurationException(where + ": Ruby syntax error in ERB: " + message);
    }
    return new ConfigurationException(where + ": ERB raised " + kind + ": " + message);
  }

  /**
   * Ruby's ERB keeps the template's line structure in its generated code but not in its output, so rendered line
   * N is credited to source line N (the last one beyond the end): exact for templates whose code keeps lines.
   */
  static ErbTemplate.Rendered withSameLines(String text, String source) {
    int renderedLines = (int) text.chars().filter(c -> c == '\n').count() + 1;
    int sourceLines = (int) source.chars().filter(c -> c == '\n').count() + 1;
    int[] lines = new int[renderedLines];
    for (int i = 0; i < renderedLines; i++) {
      lines[i] = Math.min(i + 1, sourceLines);
    }
    return new ErbTemplate.Rendered(text, lines);
  }

  /** A Ruby script shipped beside these classes. */
  static String script(String name) {
    try (java.io.InputStream in = RubyEngine.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the jar");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + name, e);
    }
  }
}

package io.sextant.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * ERB as Kamal renders it ({@code ERB.new(text, trim_mode: "-").result}): the fast path ({@link ErbTemplate})
 * when it covers the whole template, which gives what Ruby gives for those forms, else Ruby's own ERB
 * ({@link RubyEngine}: the {@code ruby} on {@code PATH}, else JRuby), used only for a template that needs it.
 */
final class ErbRenderer {
  private final Map<String, String> environment;
  private final Path workingDir;

  /** @param environment the template's {@code ENV}; @param workingDir its {@code Dir.pwd} */
  ErbRenderer(Map<String, String> environment, Path workingDir) {
    this.environment = environment;
    this.workingDir = workingDir;
  }

  ErbTemplate.Rendered render(String source, String fileName) {
    try {
      return ErbTemplate.render(source, fileName, environment);
    } catch (ErbTemplate.NeedsRuby needsRuby) {
      RubyEngine ruby = RubyEngine.forTemplate(environment, needsRuby.where());
      return ruby.render(source, fileName, environment, workingDir);
    }
  }
}

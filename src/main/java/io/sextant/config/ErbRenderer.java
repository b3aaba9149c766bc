package io.sextant.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * ERB as Kamal renders it ({@code ERB.new(text, trim_mode: "-").result}): the fast path ({@link ErbTemplate})
 * when it covers the whole template, which gives what Ruby gives for those forms, else Ruby's own ERB
 * ({@link RubyErb}), started on the first template that needs it and shared by the files of one load.
 */
final class ErbRenderer implements AutoCloseable {
  private final Map<String, String> environment;
  private final Path workingDir;
  private RubyErb ruby;

  /** @param environment the template's {@code ENV}; @param workingDir its {@code Dir.pwd} */
  ErbRenderer(Map<String, String> environment, Path workingDir) {
    this.environment = environment;
    this.workingDir = workingDir;
  }

  ErbTemplate.Rendered render(String source, String fileName) {
    try {
      return ErbTemplate.render(source, fileName, environment);
    } catch (ErbTemplate.NeedsRuby needsRuby) {
      if (ruby == null) {
        ruby = RubyErb.start(environment, needsRuby.where());
      }
      return ruby.render(source, fileName, environment, workingDir);
    }
  }

  @Override
  public void close() {
    if (ruby != null) {
      ruby.close();
    }
  }
}

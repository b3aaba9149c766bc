package io.sextant.config;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Ruby's ERB through the {@code ruby} on {@code PATH} ({@code render_erb.rb}, driven by {@code render_erb_cli.rb}):
 * the template on standard input, the working directory and environment given, the rendered text (or the error)
 * in a temporary file, so that what the template itself prints goes to the terminal, as under Kamal. The same Ruby
 * Kamal runs on, with its gems.
 */
final class RubyProcessErb implements RubyEngine {
  private final Path ruby;

  private RubyProcessErb(Path ruby) {
    this.ruby = ruby;
  }

  /** The {@code ruby} executable on the environment's {@code PATH}, or null when there is none. */
  static RubyProcessErb onPath(Map<String, String> environment) {
    String path = environment.get("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, "ruby");
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return new RubyProcessErb(candidate);
        }
      }
    }
    return null;
  }

  @Override
  public ErbTemplate.Rendered render(String source, String fileName, Map<String, String> environment,
      Path workingDir) {
    Path result = null;
    try {
      result = Files.createTempFile("sextant-erb", ".out");
      String script = RubyEngine.script("render_erb.rb") + "\n" + RubyEngine.script("render_erb_cli.rb");
      ProcessBuilder builder = new ProcessBuilder(ruby.toString(), "-e", script, result.toString())
          .directory(workingDir.toFile())
          .redirectOutput(ProcessBuilder.Redirect.INHERIT)
          .redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().clear();
      builder.environment().putAll(environment);
      Process process = io.sextant.invocation.Invocation.current().start(builder);
      try (OutputStream in = process.getOutputStream()) {
        in.write(source.getBytes(StandardCharsets.UTF_8));
      }
      int status = process.waitFor();
      String output = Files.readString(result, StandardCharsets.UTF_8);
      if (status == 0) {
        return RubyEngine.withSameLines(output, source);
      }
      String[] parts = output.split("\t", 3);
      if (status != 3 || parts.length < 3) {
        throw new ConfigurationException(fileName + ": " + ruby + " failed to render the ERB (exit code " + status
            + ")");
      }
      Integer line = parts[1].matches("\\d+") ? Integer.valueOf(parts[1]) : null;
      throw RubyEngine.failure(fileName, parts[0], parts[2].strip(), line);
    } catch (IOException e) {
      throw new ConfigurationException(fileName + ": cannot run " + ruby + " to render the ERB: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigurationException(fileName + ": interrupted while rendering the ERB", e);
    } finally {
      if (result != null) {
        try {
          Files.deleteIfExists(result);
        } catch (IOException e) {
          // A leftover empty temporary file is harmless.
        }
      }
    }
  }
}

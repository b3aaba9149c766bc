package io.sextant.config;

import io.sextant.testing.AgentMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RubyErbTemplates} on MRI, the Ruby Kamal runs on: Debian's {@code ruby} package (installed by
 * {@code test-hosts/install-packages.sh}), driven through {@link RubyProcessErb} as Sextant drives the {@code ruby}
 * on {@code PATH}. It fails, never skips, when {@code /usr/bin/ruby} is missing or is not MRI.
 */
class RubyMriErbIT extends RubyErbTemplates {
  private static final Path MRI = Path.of("/usr/bin/ruby");

  @Override
  RubyEngine start() {
    assertThat(MRI).as("Debian's ruby package").isExecutable();
    assertThat(run(List.of(MRI.toString(), "-e", "print RUBY_ENGINE"), null)).as("RUBY_ENGINE").isEqualTo("ruby");
    RubyEngine engine = RubyEngine.forTemplate(Map.of("PATH", "/usr/bin:/bin"), "test");
    assertThat(engine).isInstanceOf(RubyProcessErb.class);
    return engine;
  }

  @Override
  void stop(RubyEngine engine) {
    // one process per template: nothing left running
  }

  /** Through the launcher: a template that needs Ruby is rendered by the MRI on PATH, not by JRuby. */
  @Test
  void theLauncherRendersRubyLevelErbWithTheMriOnPath(@TempDir Path app) throws Exception {
    Files.createDirectories(app.resolve("config"));
    Files.writeString(app.resolve("config/deploy.yml"), """
        <% engine = RUBY_ENGINE -%>
        service: app-<%= engine %>
        image: acme/app
        servers:
        <% %w[10.0.0.1 10.0.0.2].each do |ip| -%>
          - <%= ip %>
        <% end -%>
        registry:
          username: acme
          password: literal
        builder:
          arch: amd64
        """);
    Path launcher = Path.of(System.getProperty("sextant.root", ".")).toAbsolutePath().resolve("bin/sextant");

    String out = run(List.of(launcher.toString(), "config", "--version", "7"), app);

    assertThat(out).contains(":hosts:\n- 10.0.0.1\n- 10.0.0.2\n", ":service_with_version: app-ruby-7\n");
  }

  private static String run(List<String> command, Path dir) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectError(ProcessBuilder.Redirect.INHERIT);
      if (dir != null) {
        builder.directory(dir.toFile());
      }
      builder.environment().put("PATH", "/usr/bin:/bin");
      AgentMode.apply(builder.environment());
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ruby} on {@code PATH} is preferred when there is one. The {@code ruby} put on {@code PATH} here is
 * JRuby's command line ({@code java -jar jruby-complete.jar}), so that this unit test needs no MRI; a real Ruby all
 * the same: the test proves the protocol (template on stdin, environment, working directory, result file, errors).
 * {@link RubyMriErbIT} runs the templates on MRI.
 */
class RubyProcessErbTest {
  @TempDir Path dir;

  private Map<String, String> environmentWithRuby() throws Exception {
    Path jar = Path.of(org.jruby.embed.ScriptingContainer.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path ruby = bin.resolve("ruby");
    Files.writeString(ruby, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
        + "' -XX:TieredStopAtLevel=1 -jar '" + jar + "' \"$@\"\n");
    Files.setPosixFilePermissions(ruby, PosixFilePermissions.fromString("rwxr-xr-x"));
    return Map.of("PATH", bin + ":/usr/bin:/bin", "APP", "blog");
  }

  @Test
  void theRubyOnPathRendersInTheWorkingDirectoryWithTheEnvironment() throws Exception {
    Map<String, String> env = environmentWithRuby();
    Files.writeString(dir.resolve("hosts"), "10.1.0.1 10.1.0.2\n");
    RubyEngine engine = RubyEngine.forTemplate(env, "test");
    assertThat(engine).isInstanceOf(RubyProcessErb.class);

    String text = engine.render("<% puts \"printed, not rendered\" -%>\nservice: <%= ENV[\"APP\"].upcase %>\n"
        + "servers:\n<% File.read(\"hosts\").split.each do |ip| -%>\n  - <%= ip %>\n<% end -%>\n",
        "config/deploy.yml", env, dir).text();

    assertThat(text).isEqualTo("service: BLOG\nservers:\n  - 10.1.0.1\n  - 10.1.0.2\n");
    assertThatThrownBy(() -> engine.render("a: 1\nb: <%= ENV.fetch(\"NOPE\") %>\n", "config/deploy.yml", env, dir))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("config/deploy.yml:2: ERB raised KeyError: key not found: \"NOPE\"");
  }

  @Test
  void withoutRubyOnPathThereIsNone() {
    assertThat(RubyProcessErb.onPath(Map.of("PATH", dir.toString()))).isNull();
    assertThat(RubyProcessErb.onPath(Map.of())).isNull();
  }
}

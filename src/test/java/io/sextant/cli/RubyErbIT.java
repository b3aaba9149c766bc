package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.cli.CliProject.Run;
import io.sextant.testing.TestHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ruby-level ERB in {@code config/deploy.yml} through the launcher, with JRuby taken from {@code target/lib/}
 * beside the jar (not on the class path): hosts built by a Ruby loop over a file and the environment are the
 * hosts Sextant connects to; a Ruby syntax error is one line naming the file and line; without JRuby the message
 * says what to install.
 */
class RubyErbIT {
  static TestHosts hosts;
  @TempDir Path root;
  CliProject project;

  @BeforeAll
  static void hosts() {
    hosts = TestHosts.shared();
  }

  @BeforeEach
  void project() throws Exception {
    project = CliProject.create(root, hosts, "rb" + UUID.randomUUID().toString().substring(0, 8));
    String config = Files.readString(project.dir.resolve("config/deploy.yml"));
    // The role hosts come from Ruby: the first two from a file, the third from the environment.
    project.write("config/web_hosts", project.host(0).ip() + "\n  " + project.host(1).ip() + "  \n");
    String web = "  web:\n    - " + project.host(0).ip() + "\n    - " + project.host(1).ip() + "\n";
    String workers = "  workers:\n    hosts:\n      - " + project.host(2).ip() + "\n";
    assertThat(config).contains(web, workers);
    project.write("config/deploy.yml", "<% web = File.read(\"config/web_hosts\").split.map(&:strip) -%>\n"
        + config.replace(web, "  web:\n<% web.each do |ip| -%>\n    - <%= ip %>\n<% end -%>\n")
            .replace(workers, "  workers:\n    hosts:\n      - <%= ENV.fetch(\"WORKER_IP\") { raise \"no IP\" } %>\n"));
  }

  /**
   * {@code env} plus a {@code PATH} of everything in /usr/bin and /bin but {@code ruby}: an MRI on {@code PATH} would
   * be used first ({@code RubyMriErbIT} tests that route), and these tests are about JRuby from {@code target/lib/}.
   */
  private Map<String, String> withoutMri(Map<String, String> env) throws IOException {
    Path bin = root.resolve("no-mri-bin");
    if (!Files.isDirectory(bin)) {
      Files.createDirectories(bin);
      for (String dir : List.of("/usr/bin", "/bin")) {
        try (java.util.stream.Stream<Path> files = Files.list(Path.of(dir))) {
          for (Path file : files.toList()) {
            Path link = bin.resolve(file.getFileName().toString());
            if (!file.getFileName().toString().startsWith("ruby") && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
              Files.createSymbolicLink(link, file);
            }
          }
        }
      }
    }
    Map<String, String> all = new HashMap<>(env);
    all.put("PATH", bin.toString());
    return all;
  }

  @Test
  void hostsComputedByRubyAreTheHostsSextantConnectsTo() throws Exception {
    Map<String, String> env = withoutMri(Map.of("WORKER_IP", project.host(2).ip()));

    Run config = project.run(env, "config", "--merged");
    Run summary = project.run(env, "config");
    Run status = project.run(env, "lock", "status");

    assertThat(config.exitCode()).as(config.toString()).isZero();
    assertThat(config.stdout()).as(config.toString()).contains(
        "web:\n  - " + project.host(0).ip() + "\n  - " + project.host(1).ip() + "\n",
        "  workers:\n    hosts:\n    - " + project.host(2).ip() + "\n");
    assertThat(summary.stdout()).as(summary.toString()).contains(":hosts:\n- " + project.host(0).ip() + "\n- "
        + project.host(1).ip() + "\n- " + project.host(2).ip() + "\n");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.stdout()).as(status.toString()).contains("There is no deploy lock");
  }

  @Test
  void anErrorRaisedInTheTemplateNamesFileAndLine() throws Exception {
    Run config = project.run(withoutMri(Map.of()), "config");

    assertThat(config.exitCode()).as(config.toString()).isEqualTo(2);
    assertThat(config.stderr()).as(config.toString()).matches(
        "ERROR: config/deploy\\.yml:\\d+: ERB raised RuntimeError: no IP\n");
  }

  @Test
  void aRubySyntaxErrorSaysSoInOneLine() throws Exception {
    String config = Files.readString(project.dir.resolve("config/deploy.yml"));
    project.write("config/deploy.yml", config.replace("<% end -%>", "<% end end -%>"));

    Run run = project.run(withoutMri(Map.of("WORKER_IP", "10.0.0.9")), "config");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.stderr()).as(run.toString()).startsWith("ERROR: config/deploy.yml:").contains("syntax error")
        .doesNotContain("\tat ").hasLineCount(1);
  }

  @Test
  void withoutJRubyTheErrorNamesTheTagAndWhatToInstall() throws Exception {
    // sextant.jar with the jars of its class path (lib/*.jar), without lib/ruby/
    Path built = Path.of(System.getProperty("sextant.jar"));
    Path alone = Files.createDirectories(root.resolve("alone/lib"));
    try (java.util.stream.Stream<Path> lib = Files.list(built.resolveSibling("lib"))) {
      for (Path jar : lib.filter(file -> file.toString().endsWith(".jar")).toList()) {
        Files.copy(jar, alone.resolve(jar.getFileName()));
      }
    }
    Path jar = Files.copy(built, alone.resolveSibling("sextant.jar"));

    // No `ruby` on PATH either (it would be used first): only what the launcher needs, java through JAVA_HOME.
    Path bin = Files.createDirectories(root.resolve("bin"));
    Files.writeString(bin.resolve("readlink"), "#!/bin/sh\nexec /usr/bin/readlink \"$@\"\n");
    Files.setPosixFilePermissions(bin.resolve("readlink"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Run run = project.run(Map.of("SEXTANT_JAR", jar.toString(), "SEXTANT_CDS", "0", "PATH", bin.toString(),
        "JAVA_HOME", System.getProperty("java.home")), "config");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.stderr()).as(run.toString()).isEqualTo("ERROR: config/deploy.yml:1: this ERB needs Ruby: no ruby"
        + " on PATH, and JRuby was not found (expected lib/ruby/jruby-complete-*.jar beside sextant.jar, or set"
        + " SEXTANT_JRUBY_JAR)\n");
  }
}

package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty templates with Ruby code, shaped like the ERB in real public {@code deploy.yml} files (host lists from
 * the environment, per-destination branches, interpolated names, {@code File.read}, backticks), rendered by a
 * {@link RubyEngine} as Kamal renders them: {@code ERB.new(text, trim_mode: "-").result}. Run on JRuby by
 * {@link RubyErbTest} and on MRI, the Ruby Kamal runs on, by {@link RubyMriErbIT}.
 *
 * <p>How the expected text was derived: by hand, from Ruby 3.1's documented semantics (core classes String,
 * Array, Integer, ENV, Kernel#Integer and backticks) and the ERB documentation for {@code trim_mode: "-"}
 * ({@code -%>} drops the newline right after the tag, {@code <%-} the spaces and tabs before it when they start
 * the line; {@code <% %>} outputs nothing, {@code <%= %>} outputs {@code to_s}). The same expectations pass on
 * Debian's MRI 3.1 ({@link RubyMriErbIT}) and on JRuby 9.4. Each expected value is also checked to parse as the
 * YAML mapping Kamal would load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RubyErbTemplates {
  private RubyEngine ruby;
  @TempDir static Path project;

  /** The engine under test, started once for the class. */
  abstract RubyEngine start();

  /** Stops what {@link #start} started. */
  abstract void stop(RubyEngine engine);

  @BeforeAll
  void startEngine() throws IOException {
    Files.createDirectories(project.resolve("config"));
    Files.writeString(project.resolve("config/hosts.txt"), "10.0.1.1\n 10.0.1.2 \n\n10.0.1.3\n");
    Files.writeString(project.resolve(".ruby-version"), "3.3.4\n");
    ruby = start();
  }

  @AfterAll
  void stopEngine() {
    stop(ruby);
  }

  private String render(String template, String... env) {
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", "/usr/bin:/bin");
    for (int i = 0; i + 1 < env.length; i += 2) {
      environment.put(env[i], env[i + 1]);
    }
    String text = ruby.render(template, "config/deploy.yml", environment, project).text();
    assertThat(YamlSource.parse(text, "rendered", Map.of()).root()).as("rendered YAML").isNotEmpty();
    return text;
  }

  @Test
  void t01LocalVariableAndLoopOverSplitHosts() {
    String template = """
        <% hosts = ENV.fetch("WEB_HOSTS", "10.0.0.1, 10.0.0.2").split(",").map(&:strip) -%>
        servers:
          web:
        <% hosts.each do |host| -%>
            - <%= host %>
        <% end -%>
        """;
    assertThat(render(template)).isEqualTo("servers:\n  web:\n    - 10.0.0.1\n    - 10.0.0.2\n");
    assertThat(render(template, "WEB_HOSTS", "a,b ,c")).isEqualTo("servers:\n  web:\n    - a\n    - b\n    - c\n");
  }

  @Test
  void t02IfElseOnTheDestination() {
    String template = """
        service: app
        <% if ENV["KAMAL_DESTINATION"] == "staging" -%>
        image: acme/app-staging
        <% else -%>
        image: acme/app
        <% end -%>
        """;
    assertThat(render(template)).isEqualTo("service: app\nimage: acme/app\n");
    assertThat(render(template, "KAMAL_DESTINATION", "staging")).isEqualTo("service: app\nimage: acme/app-staging\n");
  }

  @Test
  void t03UnlessWithoutTrimKeepsTheTagLinesNewlines() {
    // Without -%> the tag's own line stays, empty: ERB outputs the newline after %>.
    String template = "a: 1\n<% unless ENV.key?(\"SKIP\") %>\nb: 2\n<% end %>\nc: 3\n";
    assertThat(render(template)).isEqualTo("a: 1\n\nb: 2\n\nc: 3\n");
    assertThat(render(template, "SKIP", "")).isEqualTo("a: 1\n\nc: 3\n");
  }

  @Test
  void t04FetchWithABlock() {
    String template = "registry: <%= ENV.fetch(\"REGISTRY\") { |name| name.downcase + \".example.com\" } %>\n";
    assertThat(render(template)).isEqualTo("registry: registry.example.com\n");
    assertThat(render(template, "REGISTRY", "ghcr.io")).isEqualTo("registry: ghcr.io\n");
  }

  @Test
  void t05StringInterpolation() {
    String template = "image: \"<%= \"#{ENV.fetch('ORG', 'acme')}/#{ENV.fetch('APP', 'shop')}\" %>\"\n";
    assertThat(render(template, "APP", "blog")).isEqualTo("image: \"acme/blog\"\n");
  }

  @Test
  void t06IntegerConversionAndArithmetic() {
    String template = "env:\n  clear:\n    WEB_CONCURRENCY: <%= Integer(ENV.fetch(\"CPUS\", \"2\")) * 2 + 1 %>\n";
    assertThat(render(template)).isEqualTo("env:\n  clear:\n    WEB_CONCURRENCY: 5\n");
    assertThat(render(template, "CPUS", "8")).isEqualTo("env:\n  clear:\n    WEB_CONCURRENCY: 17\n");
  }

  @Test
  void t07OrThenAMethodChain() {
    String template = "hosts: [<%= (ENV[\"HOSTS\"] || \"a, b\").split(\",\").map(&:strip).join(\", \") %>]\n";
    assertThat(render(template)).isEqualTo("hosts: [a, b]\n");
    assertThat(render(template, "HOSTS", "x,y,z")).isEqualTo("hosts: [x, y, z]\n");
  }

  @Test
  void t08StripDowncaseUpcase() {
    String template = "service: <%= ENV.fetch(\"NAME\", \"  My-App \").strip.downcase %>\n"
        + "label: <%= \"web\".upcase %>\n";
    assertThat(render(template)).isEqualTo("service: my-app\nlabel: WEB\n");
  }

  @Test
  void t09FileReadRelativeToTheWorkingDirectory() {
    String template = """
        servers:
        <% File.read("config/hosts.txt").lines.map(&:strip).reject(&:empty?).each do |ip| -%>
          - <%= ip %>
        <% end -%>
        """;
    assertThat(render(template)).isEqualTo("servers:\n  - 10.0.1.1\n  - 10.0.1.2\n  - 10.0.1.3\n");
  }

  @Test
  void t10BackticksAndPercentXRunInTheWorkingDirectoryWithTheGivenEnvironment() {
    String template = "a: <%= `printf %s \"$GREETING\"` %>\nb: <%= %x(basename \"$(pwd)\").chomp %>\n";
    assertThat(render(template, "GREETING", "hello"))
        .isEqualTo("a: hello\nb: " + project.getFileName() + "\n");
  }

  @Test
  void t11RequireFromTheStandardLibrary() {
    String template = "<% require \"json\" -%>\nlabels: '<%= JSON.generate({\"team\" => \"ops\", \"tier\" => 1}) %>'\n";
    assertThat(render(template)).isEqualTo("labels: '{\"team\":\"ops\",\"tier\":1}'\n");
  }

  @Test
  void t12CaseWhen() {
    String template = """
        <% size = case ENV.fetch("KAMAL_DESTINATION", "dev")
                  when "production" then "large"
                  when "staging" then "medium"
                  else "small"
                  end -%>
        x-size: <%= size %>
        """;
    assertThat(render(template)).isEqualTo("x-size: small\n");
    assertThat(render(template, "KAMAL_DESTINATION", "production")).isEqualTo("x-size: large\n");
  }

  @Test
  void t13TernaryGivesAYamlBoolean() {
    String template = "proxy:\n  ssl: <%= ENV[\"SSL\"] == \"1\" ? true : false %>\n";
    assertThat(render(template, "SSL", "1")).isEqualTo("proxy:\n  ssl: true\n");
    assertThat(render(template)).isEqualTo("proxy:\n  ssl: false\n");
  }

  @Test
  void t14TimesLoop() {
    String template = "servers:\n<% 3.times do |i| -%>\n  - 10.0.0.<%= i + 1 %>\n<% end -%>\n";
    assertThat(render(template)).isEqualTo("servers:\n  - 10.0.0.1\n  - 10.0.0.2\n  - 10.0.0.3\n");
  }

  @Test
  void t15EachWithIndexBuildsRoles() {
    String template = """
        servers:
        <% %w[web jobs].each_with_index do |role, index| -%>
          <%= role %>:
            hosts:
              - 192.168.0.<%= 10 + index %>
        <% end -%>
        """;
    assertThat(render(template)).isEqualTo(
        "servers:\n  web:\n    hosts:\n      - 192.168.0.10\n  jobs:\n    hosts:\n      - 192.168.0.11\n");
  }

  @Test
  void t16MapWithInterpolationThenJoin() {
    String template = "x-ports: \"<%= %w[a b].map { |h| \"#{h}:22\" }.join(\",\") %>\"\n";
    assertThat(render(template)).isEqualTo("x-ports: \"a:22,b:22\"\n");
  }

  @Test
  void t17CommentsAndIndentTrimmingAroundCode() {
    String template = "env:\n  <%# secrets below %>\n  clear:\n    <%- if true -%>\n    A: 1\n    <%- end -%>\n";
    // <%# %> outputs nothing but its line's indentation and newline stay; <%- ... -%> lines vanish whole.
    assertThat(render(template)).isEqualTo("env:\n  \n  clear:\n    A: 1\n");
  }

  @Test
  void t18NilToSAndEmptyCheck() {
    String template = "a: \"<%= ENV[\"NOPE\"].to_s %>\"\nb: <%= ENV[\"NOPE\"].to_s.empty? %>\nc: <%= nil.inspect %>\n";
    assertThat(render(template)).isEqualTo("a: \"\"\nb: true\nc: nil\n");
  }

  @Test
  void t19ServiceNamedAfterTheProjectDirectory() {
    String template = "service: <%= File.basename(Dir.pwd).downcase.gsub(/[^a-z0-9-]/, \"-\") %>\n";
    String expected = project.getFileName().toString().toLowerCase().replaceAll("[^a-z0-9-]", "-");
    assertThat(render(template)).isEqualTo("service: " + expected + "\n");
  }

  @Test
  void t20ReadsAFileAndFormatsANumber() {
    String template = "x-ruby: \"<%= File.read(\".ruby-version\").strip %>\"\n"
        + "x-memory: <%= format(\"%dm\", 256 * 2) %>\n";
    assertThat(render(template)).isEqualTo("x-ruby: \"3.3.4\"\nx-memory: 512m\n");
  }

  @Test
  void aSyntaxErrorSaysSoAndNamesFileAndLine() {
    assertThatThrownBy(() -> ruby.render("a: 1\n<% if true %>\nb: <%= foo( %>\n<% end %>\n", "config/deploy.yml",
        Map.of(), project))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("config/deploy.yml:3: Ruby syntax error in ERB:");
  }

  @Test
  void activeSupportsBlankAndPresentAsKamalLoadsIt() {
    // Kamal renders with ActiveSupport loaded: blank? is nil, false, empty or whitespace-only; presence is the
    // value when present?, else nil (ActiveSupport's Object#blank?, String#blank?, Object#presence).
    String template = """
        registry:
        <% if ENV["REGISTRY"].present? -%>
          server: <%= ENV["REGISTRY"] %>
        <% else -%>
          server: localhost:5555
        <% end -%>
        user: <%= ENV["SSH_USER"].presence || "root" %>
        blank: <%= [nil.blank?, false.blank?, [].blank?, {}.blank?, 0.blank?, "x".blank?].join(",") %>
        """;
    assertThat(render(template, "REGISTRY", "ghcr.io", "SSH_USER", "deploy"))
        .isEqualTo("registry:\n  server: ghcr.io\nuser: deploy\nblank: true,true,true,true,false,false\n");
    assertThat(render(template, "REGISTRY", "  "))
        .isEqualTo("registry:\n  server: localhost:5555\nuser: root\nblank: true,true,true,true,false,false\n");
  }

  @Test
  void anErrorRaisedByTheTemplateNamesItsClassFileAndLine() {
    assertThatThrownBy(() -> ruby.render("a: 1\n\nb: <%= ENV.fetch(\"NOT_SET_ANYWHERE\").strip %>\n",
        "config/deploy.yml", Map.of(), project))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("config/deploy.yml:3: ERB raised KeyError: key not found: \"NOT_SET_ANYWHERE\"");
    assertThatThrownBy(() -> ruby.render("<% require \"dotenv\" %>\n", "config/deploy.yml", Map.of(), project))
        .hasMessageStartingWith("config/deploy.yml:1: ERB raised LoadError:");
  }

  @Test
  void theFastPathGivesWhatRubyGives() {
    Map<String, String> env = Map.of("HOST", "10.0.0.1", "EMPTY", "");
    String[] templates = {
        "a: <%= ENV[\"HOST\"] %>", "a: <%= ENV['MISSING'] %>|", "a: <%= ENV.fetch('MISSING', 'dflt') %>",
        "a: <%= ENV.fetch(\"MISSING\", 22) %>", "a: <%= ENV[\"EMPTY\"] || \"x\" %>",
        "a: <%= ENV[\"A\"] || ENV[\"HOST\"] || 'z' %>", "<%# note -%>\na: 1", "a: <%= ENV[\"HOST\"] -%>\nb: 2",
        "a: <%%= literal %>", "x:\n  <%- # c -%>\ny: 1\n", "a: <%= 'it\\'s \\\\ \\n' %>",
        "a: \"<%= \"tab\\there\\s\\e\" %>\"", "a: <%= 1_000 %>", "a: <%= -12 %>", "a: <%= nil %>|",
        "x: 1\n<% %>\ny: 2", "a: <%= ENV[\"HOST\"] -%>\r\nb: 2"};
    for (String template : templates) {
      String fast = ErbTemplate.render(template, "f", env).text();
      assertThat(ruby.render(template, "f", env, project).text()).as(template).isEqualTo(fast);
    }
  }
}

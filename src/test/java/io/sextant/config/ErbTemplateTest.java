package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ErbTemplateTest {
  private static final Map<String, String> ENV = Map.of("HOST", "10.0.0.1", "EMPTY", "");

  private static String render(String text) {
    return ErbTemplate.render(text, "config/deploy.yml", ENV).text();
  }

  @Test
  void rendersTheSupportedEnvForms() {
    assertThat(render("a: <%= ENV[\"HOST\"] %>")).isEqualTo("a: 10.0.0.1");
    assertThat(render("a: <%= ENV['HOST'] %>")).isEqualTo("a: 10.0.0.1");
    assertThat(render("a: <%= ENV[\"MISSING\"] %>|")).isEqualTo("a: |");
    assertThat(render("a: <%= ENV.fetch(\"HOST\") %>")).isEqualTo("a: 10.0.0.1");
    assertThat(render("a: <%= ENV.fetch('MISSING', 'dflt') %>")).isEqualTo("a: dflt");
    assertThat(render("a: <%= ENV.fetch(\"MISSING\", 22) %>")).isEqualTo("a: 22");
    assertThat(render("a: <%= ENV[\"MISSING\"] || \"x\" %>")).isEqualTo("a: x");
    assertThat(render("a: <%= ENV[\"EMPTY\"] || \"x\" %>")).as("empty string is truthy in Ruby").isEqualTo("a: ");
    assertThat(render("a: <%= ENV[\"A\"] || ENV[\"HOST\"] || 'z' %>")).isEqualTo("a: 10.0.0.1");
  }

  @Test
  void commentsEscapesAndTrimMode() {
    assertThat(render("<%# note %>a: 1")).isEqualTo("a: 1");
    assertThat(render("<%# note -%>\na: 1")).isEqualTo("a: 1");
    assertThat(render("a: <%= ENV[\"HOST\"] -%>\nb: 2")).isEqualTo("a: 10.0.0.1b: 2");
    assertThat(render("a: <%%= literal %>")).isEqualTo("a: <%= literal %>");
    assertThat(render("x:\n  <%- if true -%>".replace("if true", "# c"))).isEqualTo("x:\n");
  }

  @Test
  void fetchOfAMissingVariableNamesFileAndLine() {
    assertThatThrownBy(() -> render("a: 1\nb: <%= ENV.fetch(\"NOPE\") %>"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("config/deploy.yml:2: ERB ENV.fetch(\"NOPE\"): environment variable NOPE is not set");
  }

  @Test
  void formsBeyondTheFastPathAskForRubyNamingFileAndLine() {
    assertThatThrownBy(() -> render("a: 1\n\nb: <%= `whoami` %>"))
        .isInstanceOf(ErbTemplate.NeedsRuby.class)
        .hasMessage("config/deploy.yml:3: ERB expression <%= `whoami` %> needs Ruby");
    assertThatThrownBy(() -> render("<% if ENV[\"X\"] %>\na: 1\n<% end %>"))
        .isInstanceOf(ErbTemplate.NeedsRuby.class)
        .hasMessage("config/deploy.yml:1: ERB tag <% if ENV[\"X\"] %> needs Ruby");
    assertThatThrownBy(() -> render("a: <%= ENV[\"X\"].upcase %>")).isInstanceOf(ErbTemplate.NeedsRuby.class);
    assertThatThrownBy(() -> render("a: <%= \"#{1}\" %>")).isInstanceOf(ErbTemplate.NeedsRuby.class);
    assertThatThrownBy(() -> render("a: <%= ENV.fetch(\"NOPE\").strip %>")).as("Ruby raises, with its own words")
        .isInstanceOf(ErbTemplate.NeedsRuby.class);
    assertThatThrownBy(() -> render("a: 1\nb: <%= ENV[\"X\"]")).isNotInstanceOf(ErbTemplate.NeedsRuby.class)
        .hasMessage("config/deploy.yml:2: unterminated ERB tag (missing %>)");
  }

  @Test
  void formsRubyReadsDifferentlyFromTheirLooksAreLeftToRuby() {
    // Ruby: 007 is octal 7, -0 is 0, "\u00e9" is é, "\101" is A, and `<% # c %>` hides the rest of its line.
    for (String template : new String[] {"a: <%= 007 %>", "a: <%= -0 %>", "a: <%= \"\\u00e9\" %>",
        "a: <%= \"\\101\" %>", "a: <%= \"\\x41\" %>", "a<% # c %>b\nc", "a: <%= 1__0 %>"}) {
      assertThatThrownBy(() -> render(template)).as(template).isInstanceOf(ErbTemplate.NeedsRuby.class);
    }
    assertThat(render("a: <%= \"\\q\\a\\v\" %>")).isEqualTo("a: q\u0007\u000b");
    assertThat(render("a: <%= 1_000 %>")).isEqualTo("a: 1000");
  }

  @Test
  void renderedLinesMapBackToSourceLines() {
    ErbTemplate.Rendered rendered = ErbTemplate.render(
        "a: 1\n<%# c -%>\nb: <%= ENV[\"MULTI\"] %>\nc: [\n", "f", Map.of("MULTI", "x\ny"));
    assertThat(rendered.text()).isEqualTo("a: 1\nb: x\ny\nc: [\n");
    assertThat(rendered.sourceLine(1)).isEqualTo(1);
    assertThat(rendered.sourceLine(2)).as("the comment line vanished; b: is source line 3").isEqualTo(3);
    assertThat(rendered.sourceLine(3)).as("second line of the multi-line value").isEqualTo(3);
    assertThat(rendered.sourceLine(4)).isEqualTo(4);
  }

  @Test
  void yamlErrorsAfterATrimmedCommentLinePointAtTheRightLine() {
    assertThatThrownBy(() -> YamlSource.parse("a: 1\n<%# note -%>\nb: [\n", "config/deploy.yml", Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("config/deploy.yml:4: invalid YAML");
    assertThatThrownBy(() -> YamlSource.parse("a: 1\n<%# note -%>\nb: c: d\n", "config/deploy.yml", Map.of()))
        .hasMessageStartingWith("config/deploy.yml:3: invalid YAML");
  }
}

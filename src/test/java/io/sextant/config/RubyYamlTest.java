package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.config.RubyYaml.Symbol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ruby's {@code to_yaml} as Psych 5 writes it: quoting from YAMLTree#visit_String
 * (https://github.com/ruby/psych/blob/v5.1.2/lib/psych/visitors/yaml_tree.rb#L267-L301) and ScalarScanner#tokenize
 * (https://github.com/ruby/psych/blob/v5.1.2/lib/psych/scalar_scanner.rb#L29-L100); layout from libyaml's block
 * emitter (sequences in a mapping are not indented). Kamal's test main_test.rb reads such output back with
 * {@code YAML.load} and symbol keys.
 */
class RubyYamlTest {
  @Test
  void quotesStringsThatWouldReadBackAsSomethingElse() {
    assertThat(RubyYaml.scalar("999")).isEqualTo("'999'");
    assertThat(RubyYaml.scalar("1.5")).isEqualTo("'1.5'");
    assertThat(RubyYaml.scalar("true")).isEqualTo("'true'");
    assertThat(RubyYaml.scalar("no")).isEqualTo("'no'");
    assertThat(RubyYaml.scalar("null")).isEqualTo("'null'");
    assertThat(RubyYaml.scalar("2024-01-31")).isEqualTo("'2024-01-31'");
    assertThat(RubyYaml.scalar("")).isEqualTo("''");
    assertThat(RubyYaml.scalar("y")).isEqualTo("\"y\"");
  }

  @Test
  void doubleQuotesStringsStartingWithANonWordCharacter() {
    assertThat(RubyYaml.scalar("--log-opt")).isEqualTo("\"--log-opt\"");
    assertThat(RubyYaml.scalar("/data:/data")).isEqualTo("\"/data:/data\"");
    assertThat(RubyYaml.scalar("[REDACTED]")).isEqualTo("\"[REDACTED]\"");
    assertThat(RubyYaml.scalar("\"journald\"")).isEqualTo("'\"journald\"'");
  }

  @Test
  void leavesOrdinaryStringsPlain() {
    assertThat(RubyYaml.scalar("1.1.1.1")).isEqualTo("1.1.1.1");
    assertThat(RubyYaml.scalar("dhh/app:999")).isEqualTo("dhh/app:999");
    assertThat(RubyYaml.scalar("max-size=\"10m\"")).isEqualTo("max-size=\"10m\"");
    assertThat(RubyYaml.scalar("amd64")).isEqualTo("amd64");
    assertThat(RubyYaml.scalar("a: b")).isEqualTo("'a: b'");
    assertThat(RubyYaml.scalar(new Symbol("fatal"))).isEqualTo(":fatal");
  }

  @Test
  void writesNestedCollectionsInBlockStyle() {
    Map<Object, Object> root = new LinkedHashMap<>();
    root.put(new Symbol("roles"), List.of("web"));
    root.put(new Symbol("empty"), List.of());
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("hosts", List.of(Map.of("10.0.0.1", List.of("tag"))));
    nested.put("none", null);
    root.put(new Symbol("db"), nested);
    root.put(new Symbol("map"), Map.of());
    root.put(new Symbol("text"), "line one\nline two");

    assertThat(RubyYaml.dump(root)).isEqualTo("""
        ---
        :roles:
        - web
        :empty: []
        :db:
          hosts:
          - 10.0.0.1:
            - tag
          none:
        :map: {}
        :text: |-
          line one
          line two
        """);
  }
}

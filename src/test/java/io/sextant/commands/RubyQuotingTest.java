package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link Shell#rubyEscape} (Ruby's {@code Shellwords.escape}, used by Kamal's adapters and {@code fetch --inline})
 * and {@link Shell#kamalEscape} (Kamal's {@code Utils.escape_shell_value}). Expected strings: Ruby's shellwords.rb
 * rule (backslash before every character outside {@code [A-Za-z0-9_\-.,:+/@\n]}, newline as {@code '\n'}) and
 * Kamal's test/utils_test.rb "escape_shell_value" cases at v2.12.0.
 */
class RubyQuotingTest {
  @Test
  void rubyEscapeBackslashesEveryShellCharacter() {
    assertThat(Shell.rubyEscape("{\"a\":\"b c\"}")).isEqualTo("{\\\"a\\\":\\\"b\\ c\\\"}".replace("{", "\\{")
        .replace("}", "\\}"));
    assertThat(Shell.rubyEscape("op://vault/item")).isEqualTo("op://vault/item");
    assertThat(Shell.rubyEscape("")).isEqualTo("''");
    assertThat(Shell.rubyEscape("a\nb")).isEqualTo("a'\n'b");
    assertThat(Shell.rubyEscape("$x")).isEqualTo("\\$x");
  }

  // test/utils_test.rb L40-54 "escape_shell_value", plus Ruby's String#dump for a double quote
  @Test
  void kamalEscapeIsRubysDumpWithBackticksAndDollarsEscaped() {
    assertThat(Shell.kamalEscape("foo")).isEqualTo("\"foo\"");
    assertThat(Shell.kamalEscape("`foo`")).isEqualTo("\"\\`foo\\`\"");
    assertThat(Shell.kamalEscape("${PWD}")).isEqualTo("\"${PWD}\"");
    assertThat(Shell.kamalEscape("${cat /etc/hostname}")).isEqualTo("\"${cat /etc/hostname}\"");
    assertThat(Shell.kamalEscape("${PWD]")).isEqualTo("\"\\${PWD]\"");
    assertThat(Shell.kamalEscape("$(PWD)")).isEqualTo("\"\\$(PWD)\"");
    assertThat(Shell.kamalEscape("$PWD")).isEqualTo("\"\\$PWD\"");
    assertThat(Shell.kamalEscape("^(https?://)www.example.com/(.*)$"))
        .isEqualTo("\"^(https?://)www.example.com/(.*)\\$\"");
    assertThat(Shell.kamalEscape("https://example.com/$2")).isEqualTo("\"https://example.com/\\$2\"");
    assertThat(Shell.kamalEscape("so\"me")).isEqualTo("\"so\\\"me\"");
  }
}

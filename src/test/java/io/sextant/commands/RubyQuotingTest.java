package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link Shell#rubyEscape} (Ruby's {@code Shellwords.escape}, used by Kamal's adapters and {@code fetch --inline}).
 * Expected strings: Ruby's shellwords.rb rule (backslash before every character outside
 * {@code [A-Za-z0-9_\-.,:+/@\n]}, newline as {@code '\n'}). Kamal's {@code escape_shell_value} is in ShellTest.
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
}

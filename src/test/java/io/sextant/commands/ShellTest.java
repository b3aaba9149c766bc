package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellTest {
  @Test
  void safeWordsStayBareOthersAreSingleQuoted() {
    assertThat(Shell.quote("label=service=app")).isEqualTo("label=service=app");
    assertThat(Shell.quote("")).isEqualTo("''");
    assertThat(Shell.quote("a b")).isEqualTo("'a b'");
    assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(Shell.quote("$HOME")).isEqualTo("'$HOME'");
    assertThat(Shell.join(List.of("echo", "a b", "c"))).isEqualTo("echo 'a b' c");
  }
}

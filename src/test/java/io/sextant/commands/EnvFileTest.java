package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileTest {
  @Test
  void oneLinePerVariableInOrder() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("RAILS_ENV", "production");
    env.put("SECRET", "p@ss w\"o#rd");
    assertThat(EnvFile.render(env)).isEqualTo("RAILS_ENV=production\nSECRET=p@ss w\"o#rd\n");
  }

  @Test
  void controlCharactersAndBackslashesAreEscapedLikeKamal() {
    assertThat(EnvFile.escape("line1\nline2\ttab\\back\r\u0001\u007f")).isEqualTo("line1\\nline2\\ttab\\\\back\\r\\x01\\x7F");
  }

  @Test
  void nonAsciiTextIsKept() {
    assertThat(EnvFile.escape("héllo – 東京")).isEqualTo("héllo – 東京");
  }

  @Test
  void emptyEnvGivesANewline() {
    assertThat(EnvFile.render(Map.of())).isEqualTo("\n");
  }
}

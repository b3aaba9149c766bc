package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which substitutions run Sextant as {@code kamal}: Kamal inlines exactly the commands matching
 * {@code /\A\s*kamal\s*secrets\s+/} (lib/kamal/secrets/dotenv/inline_command_substitution.rb L32 at v2.12.0).
 */
class KamalShimTest {
  @Test
  void onlyKamalSecretsCommandsAreInlined() {
    assertThat(KamalShim.matches("kamal secrets fetch -a 1password x")).isTrue();
    assertThat(KamalShim.matches("  kamal secrets extract A {}")).isTrue();
    assertThat(KamalShim.matches("kamal version")).isFalse();
    assertThat(KamalShim.matches("op read op://v/i/f")).isFalse();
    assertThat(KamalShim.matches("echo kamal secrets fetch")).isFalse();
    assertThat(KamalShim.inline("kamal secrets extract A $S")).isEqualTo("kamal secrets extract A $S --inline");
  }

  @Test
  void theShimDirectoryComesFirstOnPathAndHoldsAnExecutableKamal() {
    Map<String, String> env = KamalShim.withShimFirst(Map.of("PATH", "/usr/bin:/bin", "HOME", "/h"));

    String[] path = env.get("PATH").split(":");
    assertThat(path).hasSize(3).endsWith("/usr/bin", "/bin");
    assertThat(Files.isExecutable(Path.of(path[0], "kamal"))).isTrue();
    assertThat(env).containsEntry("HOME", "/h");
  }
}

package io.sextant.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LockDetailsTest {
  @Test
  void textIsKamalsThreeLinesPlusTheToken() {
    LockDetails details = new LockDetails("Jöhn \"J\" Doe", Instant.parse("2026-06-18T12:00:00Z"), "abc123",
        LockDetails.AUTOMATIC, Optional.of("f00d"));
    assertThat(details.text()).isEqualTo("Locked by: Jöhn \"J\" Doe at 2026-06-18T12:00:00Z\nVersion: abc123\n"
        + "Message: Automatic deploy lock\nToken: f00d");
    assertThat(LockDetails.isAutomatic(details.text())).isTrue();
    assertThat(LockDetails.tokenOf(details.text())).contains("f00d");
  }

  @Test
  void kamalsDetailsHaveNoToken() {
    String kamal = "Locked by: Deployer at 2026-06-18T12:00:00Z\nVersion: 1\nMessage: Integration Tests";
    assertThat(LockDetails.isAutomatic(kamal)).isFalse();
    assertThat(LockDetails.tokenOf(kamal)).isEmpty();
  }

  @Test
  void encodedTextIsPlainAsciiWhateverTheMessage() {
    LockDetails details = new LockDetails("x", Instant.EPOCH, "1", "déploiement \"$(rm -rf /)\" `id` 日本",
        Optional.empty());
    assertThat(details.encoded()).matches("[A-Za-z0-9+/=\\n]+");
  }

  @Test
  void durationsPrintLikeKamalsNumericOptions() {
    assertThat(LockWait.seconds(Duration.ofSeconds(900))).isEqualTo("900s");
    assertThat(LockWait.seconds(Duration.ofMillis(500))).isEqualTo("0.5s");
  }
}

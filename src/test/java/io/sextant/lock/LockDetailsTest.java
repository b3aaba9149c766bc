package io.sextant.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LockDetailsTest {
  /**
   * Kamal's {@code lock_details} (lib/kamal/commands/lock.rb:57-63): a heredoc of three lines, {@code .strip}ped,
   * with {@code Time.now.utc.iso8601}; {@code Base64.encode64} of it (lock.rb:31): 60 characters a line, each
   * ending in a newline. Nothing else: the token is not in it.
   */
  @Test
  void detailsAreKamalsThreeLinesAndItsEncodingByteForByte() {
    LockDetails details = new LockDetails("Jöhn \"J\" Doe", Instant.parse("2026-06-18T12:00:00.750Z"), "abc123",
        LockDetails.AUTOMATIC);
    assertThat(details.text()).isEqualTo("Locked by: Jöhn \"J\" Doe at 2026-06-18T12:00:00Z\nVersion: abc123\n"
        + "Message: Automatic deploy lock");
    // Ruby: Base64.encode64("Locked by: J\u00f6hn \"J\" Doe at 2026-06-18T12:00:00Z\nVersion: abc123\n"
    //   + "Message: Automatic deploy lock")
    assertThat(details.encoded()).isEqualTo(
        "TG9ja2VkIGJ5OiBKw7ZobiAiSiIgRG9lIGF0IDIwMjYtMDYtMThUMTI6MDA6\n"
            + "MDBaClZlcnNpb246IGFiYzEyMwpNZXNzYWdlOiBBdXRvbWF0aWMgZGVwbG95\n"
            + "IGxvY2s=\n");
    assertThat(LockDetails.isAutomatic(details.text())).isTrue();
  }

  @Test
  void aManualLockIsNotAutomatic() {
    String kamal = "Locked by: Deployer at 2026-06-18T12:00:00Z\nVersion: 1\nMessage: Integration Tests";
    assertThat(LockDetails.isAutomatic(kamal)).isFalse();
  }

  @Test
  void encodedTextIsPlainAsciiWhateverTheMessage() {
    LockDetails details = new LockDetails("x", Instant.EPOCH, "1", "déploiement \"$(rm -rf /)\" `id` 日本");
    assertThat(details.encoded()).matches("[A-Za-z0-9+/=\\n]+");
  }

  @Test
  void durationsPrintLikeKamalsNumericOptions() {
    assertThat(LockWait.seconds(Duration.ofSeconds(900))).isEqualTo("900s");
    assertThat(LockWait.seconds(Duration.ofMillis(500))).isEqualTo("0.5s");
  }
}

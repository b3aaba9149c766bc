package io.sextant.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LockCommandsTest {
  private final LockCommands production = new LockCommands("app", Optional.of("production"));
  private final LockDetails details = new LockDetails("Deployer", Instant.parse("2026-06-18T12:00:00.750Z"), "123",
      "Hello");

  @Test
  void statusAndReleaseAreKamalsCommands() {
    assertThat(production.status())
        .isEqualTo("stat .kamal/lock-app-production > /dev/null && cat .kamal/lock-app-production/details | base64 -d");
    assertThat(production.release())
        .isEqualTo("rm .kamal/lock-app-production/details && rm -r .kamal/lock-app-production");
    assertThat(LockCommands.ensureRunDirectory()).isEqualTo("mkdir -p .kamal");
  }

  @Test
  void aQueryCanRideInTheAcquiringExecWithoutChangingItsExitStatus() {
    assertThat(production.acquireThen(details, "f00d", "docker ps | head -1"))
        .isEqualTo(production.acquire(details, "f00d")
        + " && { ( docker ps | head -1\n) </dev/null 2>/dev/null; exit 0; }");
  }

  @Test
  void statusOrNoLockIsKamalsStatusThatExitsNoLockWithoutTheDirectory() {
    assertThat(production.statusOrNoLock()).isEqualTo("{ " + production.status() + "; } || { code=$?;"
        + " test -d .kamal/lock-app-production || exit 100; exit $code; }");
  }

  @Test
  void statusOrNoLockExitsAsStatusWhenTheLockIsThereButUnreadable() throws Exception {
    Path home = Files.createTempDirectory("lock-status");
    try {
      LockCommands commands = new LockCommands("app", Optional.empty());
      assertThat(sh(home, commands.statusOrNoLock())).isEqualTo(LockCommands.NO_LOCK);
      Files.createDirectories(home.resolve(".kamal/lock-app"));
      Files.writeString(home.resolve(".kamal/lock-app/details"), "not base64 !!\n");
      assertThat(sh(home, commands.statusOrNoLock())).isEqualTo(sh(home, commands.status())).isEqualTo(1);
      Files.writeString(home.resolve(".kamal/lock-app/details"), details.encoded());
      assertThat(sh(home, commands.statusOrNoLock())).isZero();
    } finally {
      try (var paths = Files.walk(home)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static int sh(Path dir, String command) throws Exception {
    Process sh = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
    sh.getInputStream().readAllBytes();
    return sh.waitFor();
  }

  @Test
  void lockDirectoryHasTheDestinationOnlyWhenGiven() {
    assertThat(new LockCommands("app", Optional.empty()).lockDir()).isEqualTo(".kamal/lock-app");
    assertThat(production.lockDir()).isEqualTo(".kamal/lock-app-production");
  }

  /**
   * Kamal's acquire (lib/kamal/commands/lock.rb:6-9, 29-33): {@code mkdir} then {@code echo "<base64>" > details};
   * Sextant's token goes to a file of its own after it (D7), never into {@code details}.
   */
  @Test
  void acquireIsKamalsCommandThenTheTokenInItsOwnFile() {
    String encoded = details.encoded();
    assertThat(production.kamalAcquire(details)).isEqualTo("mkdir .kamal/lock-app-production && echo \"" + encoded
        + "\" > .kamal/lock-app-production/details");
    assertThat(production.acquire(details, "f00d")).isEqualTo(production.kamalAcquire(details)
        + " && (umask 077 && echo f00d > .kamal/lock-app-production/token)");
    assertThat(production.token()).isEqualTo("cat .kamal/lock-app-production/token");
    assertThat(encoded).endsWith("\n");
    assertThat(encoded.split("\n")).allMatch(line -> line.length() <= 60);
    assertThat(encoded.split("\n")[0]).hasSize(60);
    assertThat(new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8))
        .isEqualTo("Locked by: Deployer at 2026-06-18T12:00:00Z\nVersion: 123\nMessage: Hello");
  }

  @Test
  void hostileDestinationIsQuotedEverywhere() {
    LockCommands hostile = new LockCommands("app", Optional.of("a'b$(touch pwned)"));
    assertThat(hostile.status()).isEqualTo("stat '.kamal/lock-app-a'\\''b$(touch pwned)' > /dev/null"
        + " && cat '.kamal/lock-app-a'\\''b$(touch pwned)/details' | base64 -d");
    assertThat(hostile.release()).isEqualTo("rm '.kamal/lock-app-a'\\''b$(touch pwned)/details'"
        + " && rm -r '.kamal/lock-app-a'\\''b$(touch pwned)'");
    assertThat(hostile.acquire(details, "f00d")).startsWith("mkdir '.kamal/lock-app-a'\\''b$(touch pwned)' && echo \"")
        .endsWith("\" > '.kamal/lock-app-a'\\''b$(touch pwned)/details'"
            + " && (umask 077 && echo f00d > '.kamal/lock-app-a'\\''b$(touch pwned)/token')");
    assertThat(hostile.token()).isEqualTo("cat '.kamal/lock-app-a'\\''b$(touch pwned)/token'");
    assertThat(hostile.exists()).isEqualTo("test -d '.kamal/lock-app-a'\\''b$(touch pwned)'");
  }

  @Test
  void namesThatWouldLeaveTheRunDirectoryAreRejected() {
    assertThatThrownBy(() -> new LockCommands("app", Optional.of("../../etc"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("destination '../../etc'");
    assertThatThrownBy(() -> new LockCommands("app", Optional.of("a'b$(touch /tmp/pwned)")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LockCommands("app", Optional.of("a\nb"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LockCommands("", Optional.empty())).isInstanceOf(IllegalArgumentException.class);
  }
}

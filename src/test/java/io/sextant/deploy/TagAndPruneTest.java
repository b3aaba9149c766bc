package io.sextant.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.ssh.InJvmSshServerAccess;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.SshHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tag and the prune share one exec per host and still fail under their own step names. */
class TagAndPruneTest {
  @TempDir Path dir;
  private final AtomicInteger tagFailuresSeen = new AtomicInteger();

  @Test
  void tagsThenPrunesOnEveryHostAndOnlyPrunesWhereNothingIsTagged() throws Exception {
    try (InJvmSshServerAccess.Server one = InJvmSshServerAccess.startIn(dir, "one");
        InJvmSshServerAccess.Server two = InJvmSshServerAccess.startIn(dir, "two");
        SshHosts ssh = new SshHosts(InJvmSshServerAccess.settings(dir))) {
      new TagAndPrune(ssh, "echo tag >> steps", List.of(one.host()))
          .run(List.of(one.host(), two.host()), "echo prune >> steps", tagFailuresSeen::incrementAndGet);

      assertThat(Files.readAllLines(one.home().resolve("steps"))).containsExactly("tag", "prune");
      assertThat(Files.readAllLines(two.home().resolve("steps"))).containsExactly("prune");
      assertThat(tagFailuresSeen).hasValue(0);
    }
  }

  @Test
  void aFailedTagIsNamedAsSuchAndThatHostIsNotPruned() throws Exception {
    try (InJvmSshServerAccess.Server one = InJvmSshServerAccess.startIn(dir, "one");
        InJvmSshServerAccess.Server two = InJvmSshServerAccess.startIn(dir, "two");
        SshHosts ssh = new SshHosts(InJvmSshServerAccess.settings(dir))) {
      Files.writeString(one.home().resolve("broken"), "");
      String tag = "if [ -f broken ]; then echo 'Error response from daemon: No such image' >&2; exit 1; fi";

      assertThatThrownBy(() -> new TagAndPrune(ssh, tag, List.of(one.host(), two.host()))
          .run(List.of(one.host(), two.host()), "echo prune >> steps", tagFailuresSeen::incrementAndGet))
          .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.failedHosts()).containsExactly(one.host()))
          .hasMessage(one.host() + ": tag of the latest image failed (exit 1): Error response from daemon: No such image");
      assertThat(tagFailuresSeen).hasValue(1);
      assertThat(one.home().resolve("steps")).doesNotExist();
      assertThat(Files.readAllLines(two.home().resolve("steps"))).containsExactly("prune");
    }
  }

  @Test
  void aFailedPruneIsNamedWithItsLastErrorLine() throws Exception {
    try (InJvmSshServerAccess.Server one = InJvmSshServerAccess.startIn(dir, "one");
        SshHosts ssh = new SshHosts(InJvmSshServerAccess.settings(dir))) {
      assertThatThrownBy(() -> new TagAndPrune(ssh, "echo tagged >&2", List.of(one.host()))
          .run(List.of(one.host()), "echo 'Error: image is in use' >&2; exit 2", tagFailuresSeen::incrementAndGet))
          .isInstanceOf(RemoteException.class)
          .hasMessage(one.host() + ": prune failed (exit 2): Error: image is in use");
      assertThat(tagFailuresSeen).hasValue(0);
    }
  }
}

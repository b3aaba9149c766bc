package io.sextant.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentPlaceTest {
  @TempDir Path tmp;

  @Test
  void theDirectoryComesFromTheOverrideThenTheRuntimeDirThenHome() {
    assertThat(AgentPlace.of(Map.of("SEXTANT_AGENT_DIR", "/x/a", "XDG_RUNTIME_DIR", "/run/user/1")).dir())
        .isEqualTo(Path.of("/x/a"));
    assertThat(AgentPlace.of(Map.of("XDG_RUNTIME_DIR", "/run/user/1", "HOME", "/home/u")).dir())
        .isEqualTo(Path.of("/run/user/1/sextant"));
    assertThat(AgentPlace.of(Map.of("HOME", "/home/u")).dir()).isEqualTo(Path.of("/home/u/.sextant/agent"));
  }

  @Test
  void oneSocketPerBuildInsideTheDirectory() {
    AgentPlace place = AgentPlace.of(Map.of("SEXTANT_AGENT_DIR", "/x/a"));

    assertThat(place.socket().getParent()).isEqualTo(place.dir());
    assertThat(place.socket().getFileName().toString()).matches("agent-[0-9a-f]{12}\\.sock");
    assertThat(place.lock().getFileName().toString()).isEqualTo(
        place.socket().getFileName().toString().replace(".sock", ".lock"));
    assertThat(place.pidFile().getFileName().toString()).endsWith(".pid");
  }

  @Test
  void aCreatedDirectoryIsTheUsersAloneAndOneOpenToOthersIsNotTrusted() throws Exception {
    AgentPlace place = AgentPlace.of(Map.of("SEXTANT_AGENT_DIR", tmp.resolve("a/agent").toString()));

    place.create();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(place.dir()))).isEqualTo("rwx------");
    assertThat(place.untrusted()).isNull();
    Files.setPosixFilePermissions(place.dir(), PosixFilePermissions.fromString("rwxr-x---"));
    assertThat(place.untrusted()).contains("is open to other users");
  }

  @Test
  void theIdleTimeIsWholePositiveSeconds() {
    assertThat(AgentPlace.idleSeconds(Map.of())).isEqualTo(300);
    assertThat(AgentPlace.idleSeconds(Map.of("SEXTANT_AGENT_IDLE", "42"))).isEqualTo(42);
    assertThatThrownBy(() -> AgentPlace.idleSeconds(Map.of("SEXTANT_AGENT_IDLE", "0")))
        .hasMessageContaining("SEXTANT_AGENT_IDLE=0");
    assertThatThrownBy(() -> AgentPlace.idleSeconds(Map.of("SEXTANT_AGENT_IDLE", "5m")))
        .hasMessageContaining("whole number of seconds");
  }

  @Test
  void everyBuildListsTheOtherBuildsSocketsInTheDirectoryAfterThisOne() throws Exception {
    AgentPlace place = AgentPlace.of(Map.of("SEXTANT_AGENT_DIR", tmp.toString()));
    Files.createFile(tmp.resolve("agent-000000000001.sock"));
    Files.createFile(tmp.resolve("agent-000000000001.lock"));
    Files.createFile(tmp.resolve("unrelated.sock"));

    assertThat(place.everyBuild()).containsExactly(place, new AgentPlace(tmp, tmp.resolve("agent-000000000001.sock"),
        tmp.resolve("agent-000000000001.lock")));
  }
}

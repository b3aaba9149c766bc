package io.sextant.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvocationTest {
  private static final Invocation.Streams CLIENT =
      new Invocation.Streams(false, StandardCharsets.UTF_8, StandardCharsets.UTF_8);
  @TempDir Path dir;
  private final List<Integer> exits = new ArrayList<>();

  @AfterEach
  void leave() {
    Invocation.leave();
  }

  @Test
  void locallyTheProcessOwnDirectoryAndEnvironmentAndBuildersStayUntouched() {
    Invocation local = Invocation.current();
    assertThat(local.isForwarded()).isFalse();
    assertThat(local.workingDir()).isEqualTo(Path.of("").toAbsolutePath());
    assertThat(local.environment()).isEqualTo(System.getenv());
    assertThat(local.path("config/deploy.yml")).isEqualTo(Path.of("config/deploy.yml"));
    ProcessBuilder builder = new ProcessBuilder("true");
    Map<String, String> before = Map.copyOf(builder.environment());
    local.prepare(builder);
    assertThat(builder.directory()).isNull();
    assertThat(builder.environment()).isEqualTo(before);
    assertThat(local.onSignal(code -> { })).as("a local command installs its own handlers").isFalse();
    local.handBack(); // nothing to hand back to
    assertThat(local.handedBack()).isFalse();
  }

  @Test
  void aForwardedCommandsChildrenGetItsDirectoryEnvironmentAndPath() throws Exception {
    Invocation forwarded = Invocation.enter(dir, Map.of("PATH", "/usr/bin:/bin", "PROBE", "client"), CLIENT,
        exits::add, () -> { });
    assertThat(Invocation.current()).isSameAs(forwarded);
    assertThat(forwarded.path("config/deploy.yml")).isEqualTo(dir.resolve("config/deploy.yml"));
    ProcessBuilder builder = forwarded.prepare(new ProcessBuilder("sh", "-c", "echo \"$PWD $PROBE\""));
    Process process = forwarded.start(builder);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(process.waitFor()).isZero();
    assertThat(output).isEqualTo(dir.toRealPath() + " client");
    assertThat(builder.command().get(0)).as("found on the client's PATH").isIn("/usr/bin/sh", "/bin/sh");
    Invocation.leave();
    assertThat(Invocation.current().isForwarded()).isFalse();
  }

  @Test
  void inheritedStreamsOfAForwardedCommandAreCopiedBeforeWaitForReturns() throws Exception {
    Invocation forwarded = Invocation.enter(dir, System.getenv(), CLIENT, exits::add, () -> { });
    PrintStream own = System.err;
    ByteArrayOutputStream copied = new ByteArrayOutputStream();
    System.setErr(new PrintStream(copied, true));
    try {
      Process process = forwarded.start(forwarded.prepare(new ProcessBuilder("sh", "-c", "echo to-stderr >&2")
          .redirectError(ProcessBuilder.Redirect.INHERIT)));
      assertThat(process.waitFor()).isZero();
    } finally {
      System.setErr(own);
    }
    assertThat(copied.toString(StandardCharsets.UTF_8)).isEqualTo("to-stderr\n");
  }

  @Test
  void signalsGoToTheRegisteredHandlersOrEndTheCommand() {
    Invocation forwarded = Invocation.enter(dir, Map.of(), CLIENT, exits::add, () -> { });
    forwarded.signal(130);
    assertThat(exits).as("no handler: ends at once").containsExactly(130);
    List<Integer> handled = new ArrayList<>();
    assertThat(forwarded.onSignal(handled::add)).isTrue();
    forwarded.signal(143);
    assertThat(handled).containsExactly(143);
    assertThat(exits).containsExactly(130);
  }

  @Test
  void aCommandIsHandedBackOnlyBeforeItCommits() {
    List<String> commits = new ArrayList<>();
    Invocation forwarded = Invocation.enter(dir, Map.of(), CLIENT, exits::add, () -> commits.add("commit"));
    assertThatThrownBy(forwarded::handBack).isInstanceOf(Invocation.HandedBack.class);
    assertThat(forwarded.handedBack()).isTrue();

    Invocation committed = Invocation.enter(dir, Map.of(), CLIENT, exits::add, () -> commits.add("commit"));
    committed.commit();
    committed.commit();
    committed.handBack();
    assertThat(committed.handedBack()).isFalse();
    assertThat(commits).containsExactly("commit");
  }
}

package io.sextant.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sextant.ssh.ConnectionException;
import io.sextant.ssh.OutputListener;
import io.sextant.ssh.SshHosts;
import io.sextant.ssh.SshSettings;
import io.sextant.ssh.WarmSessions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's socket protocol in one JVM: no SSH server needed (the host refuses connections). */
class AgentClientTest {
  @TempDir Path tmp;

  private AgentPlace place() {
    return AgentPlace.of(Map.of("SEXTANT_AGENT_DIR", tmp.resolve("agent").toString()));
  }

  @Test
  void noAgentMeansInProcessWithoutAWord() {
    List<String> warnings = new ArrayList<>();
    AgentClient client = new AgentClient(place(), warnings::add);

    assertThatThrownBy(() -> client.run(SshSettings.defaults(), "h", "true", null, OutputListener.NONE))
        .isInstanceOf(WarmSessions.Unavailable.class);
    assertThat(client.absent()).isTrue();
    assertThat(warnings).isEmpty();
  }

  @Test
  void aStaleSocketIsBypassedWithOneWarning() throws Exception {
    AgentPlace place = place();
    place.create();
    ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    dead.bind(UnixDomainSocketAddress.of(place.socket()));
    dead.close(); // the file stays, nobody listens
    List<String> warnings = new ArrayList<>();
    AgentClient client = new AgentClient(place, warnings::add);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.run(SshSettings.defaults(), "h", "true", null, OutputListener.NONE))
          .isInstanceOf(WarmSessions.Unavailable.class);
    }
    assertThat(warnings).singleElement().asString().startsWith("WARNING: ").contains("stale socket");
    assertThat(client.absent()).isTrue();
  }

  @Test
  void anAgentThatDoesNotGreetIsBypassedWithinTheGreetingTimeout() throws Exception {
    AgentPlace place = place();
    place.create();
    try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      hung.bind(UnixDomainSocketAddress.of(place.socket())); // accepts (backlog), never answers
      List<String> warnings = new ArrayList<>();
      long start = System.nanoTime();
      assertThatThrownBy(() -> new AgentClient(place, warnings::add).run(SshSettings.defaults(), "h", "true", null,
          OutputListener.NONE)).isInstanceOf(WarmSessions.Unavailable.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AgentClient.GREETING_TIMEOUT.plusSeconds(5));
      assertThat(warnings).singleElement().asString().contains("did not answer");

      // the command a thin client gave up on runs in the same process: it is not kept waiting a second time
      List<String> again = new ArrayList<>();
      long next = System.nanoTime();
      assertThatThrownBy(() -> new AgentClient(place, again::add).run(SshSettings.defaults(), "h", "true", null,
          OutputListener.NONE)).isInstanceOf(WarmSessions.Unavailable.class);
      assertThat(Duration.ofNanos(System.nanoTime() - next)).isLessThan(AgentClient.GREETING_TIMEOUT.dividedBy(3));
      assertThat(again).as("its own one warning").singleElement().asString().contains("did not answer");
    }
  }

  @Test
  void theAgentRelaysAConnectionFailureAsTheSameOneLineAndAnswersStatusAndStop() throws Exception {
    AgentPlace place = place();
    Thread serving = serve(place);
    AgentClient client = new AgentClient(place, line -> { throw new AssertionError(line); });
    awaitGreeting(client);
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(place.socket())))
        .isEqualTo("rw-------");
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    SshSettings settings = SshSettings.defaults().withPort(closedPort).withKeys(List.of(), true)
        .withKnownHostsFile(tmp.resolve("known_hosts"));

    String inProcess;
    try (SshHosts own = new SshHosts(settings)) {
      inProcess = catchThrowableOfType(() -> own.run("127.0.0.1", "true"), ConnectionException.class).getMessage();
    }
    assertThat(inProcess).startsWith("127.0.0.1: connection refused");
    assertThatThrownBy(() -> client.run(settings, "127.0.0.1", "true", null, OutputListener.NONE))
        .isInstanceOf(ConnectionException.class).hasMessage(inProcess);
    assertThat(client.ask(AgentClient.STATUS)).contains("execs served: 1", "session keys: 1");

    assertThat(client.ask(AgentClient.STOP)).startsWith("pid ");
    serving.join(10_000);
    assertThat(serving.isAlive()).isFalse();
    assertThat(place.socket()).doesNotExist();
    assertThat(client.ask(AgentClient.STATUS)).isNull();
  }

  @Test
  void aSecondAgentOfTheSameBuildLeavesTheFirstAlone() throws Exception {
    AgentPlace place = place();
    place.create();
    try (var lock = java.nio.channels.FileChannel.open(place.lock(), java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.WRITE); var held = lock.lock()) {
      assertThat(new AgentServer(place, Duration.ofMinutes(1)).serve()).isFalse();
    }
  }

  @Test
  void aClientOfAnotherProtocolIsNotServed() throws Exception {
    AgentPlace place = place();
    Thread serving = serve(place);
    AgentClient client = new AgentClient(place, line -> { });
    awaitGreeting(client);
    try (SocketChannel other = SocketChannel.open(UnixDomainSocketAddress.of(place.socket()))) {
      java.nio.ByteBuffer greeting = java.nio.ByteBuffer.allocate(1);
      other.read(greeting);
      other.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 0, 1, AgentWire.STATUS}));
      assertThat(other.read(java.nio.ByteBuffer.allocate(16))).isEqualTo(-1);
    } finally {
      client.ask(AgentClient.STOP);
      serving.join(10_000);
    }
  }

  /** An agent serving {@code place} on a thread of its own (stopped with {@link AgentClient#STOP}). */
  private static Thread serve(AgentPlace place) {
    Thread serving = new Thread(() -> {
      try {
        new AgentServer(place, Duration.ofMinutes(1)).serve();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    serving.start();
    return serving;
  }

  private static void awaitGreeting(AgentClient client) throws InterruptedException {
    for (int i = 0; i < 200 && client.ask(AgentClient.STATUS) == null; i++) {
      Thread.sleep(50);
    }
  }
}

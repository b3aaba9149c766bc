package io.sextant.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SshHosts#startConnecting}: connections begun early are the ones commands use, and fail as theirs would. */
class SshHostsEarlyConnectTest {
  @TempDir static Path dir;
  static Path clientKey;
  static InJvmSshServer server;

  @BeforeAll
  static void startServer() throws Exception {
    clientKey = InJvmSshServer.newClientKey(dir, "client");
    server = InJvmSshServer.startFor(dir, clientKey);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  private SshSettings settings(String knownHosts) {
    return InJvmSshServer.clientSettings(clientKey, dir.resolve(knownHosts));
  }

  private static String closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "127.0.0.1:" + socket.getLocalPort();
    }
  }

  @Test
  void theEarlyConnectionIsTheSessionTheFirstCommandUses() {
    AtomicInteger beforeFirstConnect = new AtomicInteger();
    int sessionsBefore = server.sessionsCreated();
    try (SshHosts hosts = new SshHosts(settings("kh-early"), beforeFirstConnect::incrementAndGet,
        OutputListener.NONE)) {
      hosts.startConnecting(List.of(server.host(null)));
      await().atMost(Duration.ofSeconds(10)).until(() -> hosts.connectionsOpened() == 1);
      assertThat(beforeFirstConnect).as("not run by the early connection").hasValue(0);

      assertThat(hosts.run(server.host(null), "echo hi").stdout()).isEqualTo("hi\n");
      hosts.startConnecting(List.of(server.host(null))); // already connected: nothing more
      assertThat(hosts.run(server.host(null), "true").ok()).isTrue();

      assertThat(beforeFirstConnect).as("still runs before the first command").hasValue(1);
      assertThat(hosts.connectionsOpened()).isEqualTo(1);
    }
    assertThat(server.sessionsCreated() - sessionsBefore).isEqualTo(1);
  }

  @Test
  void aFailedEarlyConnectionIsReportedByTheFirstCommandExactlyAsItsOwnWouldBe() throws Exception {
    String unreachable = closedPort();
    String expected;
    try (SshHosts plain = new SshHosts(settings("kh-plain"))) {
      expected = catchMessage(() -> plain.run(unreachable, "true"));
    }
    assertThat(expected).isEqualTo(unreachable + ": connection refused (root@" + unreachable + ")");

    try (SshHosts hosts = new SshHosts(settings("kh-early-fail"))) {
      hosts.startConnecting(List.of(unreachable));
      Thread.sleep(500); // the early attempt has failed by now (a refused port answers at once)
      assertThatThrownBy(() -> hosts.run(unreachable, "true"))
          .isInstanceOf(ConnectionException.class).hasMessage(expected);
      // later commands try again, as without an early connection
      assertThatThrownBy(() -> hosts.run(unreachable, "true"))
          .isInstanceOf(ConnectionException.class).hasMessage(expected);
      assertThat(hosts.runAll(List.of(unreachable), h -> "true").get(0).exitCode()).isEqualTo(RemoteResult.NOT_RUN);
    }
  }

  @Test
  void aHostNoCommandUsesIsNeverReported() throws Exception {
    String unreachable = closedPort();
    try (SshHosts hosts = new SshHosts(settings("kh-early-unused"))) {
      hosts.startConnecting(List.of(unreachable, "not a host:port:x"));
      Thread.sleep(300);
      assertThat(hosts.run(server.host(null), "true").ok()).isTrue();
    }
  }

  @Test
  void aFailingBeforeFirstConnectStillStopsTheCommandOnAnEarlyConnectedHost() {
    try (SshHosts hosts = new SshHosts(settings("kh-early-pre"), () -> {
      throw new IllegalStateException("pre-connect failed");
    }, OutputListener.NONE)) {
      hosts.startConnecting(List.of(server.host(null)));
      await().atMost(Duration.ofSeconds(10)).until(() -> hosts.connectionsOpened() == 1);
      assertThatThrownBy(() -> hosts.run(server.host(null), "true")).hasMessage("pre-connect failed");
    }
  }

  @Test
  void nothingStartsAfterClose() {
    SshHosts hosts = new SshHosts(settings("kh-early-closed"));
    hosts.close();
    hosts.startConnecting(List.of(server.host(null)));
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> hosts.connectionsOpened() == 0);
  }

  private static String catchMessage(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      return e.getMessage();
    }
    throw new AssertionError("no failure");
  }
}

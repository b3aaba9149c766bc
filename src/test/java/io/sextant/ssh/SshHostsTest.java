package io.sextant.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshHostsTest {
  @TempDir static Path dir;
  static Path clientKey;
  static Path authorizedKeys;
  static InJvmSshServer server;

  @BeforeAll
  static void startServer() throws Exception {
    clientKey = InJvmSshServer.newClientKey(dir, "client");
    server = InJvmSshServer.startFor(dir, clientKey);
    authorizedKeys = dir.resolve("authorized_keys");
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  /** {@code 127.0.0.1:PORT} where nothing listens (a port just released). */
  private static String closedLocalAddress() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "127.0.0.1:" + socket.getLocalPort();
    }
  }

  private SshSettings settings(String knownHosts) {
    return InJvmSshServer.clientSettings(clientKey, dir.resolve(knownHosts));
  }

  @Test
  void runReturnsExitCodeStdoutAndStderr() {
    try (SshHosts hosts = new SshHosts(settings("kh-run"))) {
      RemoteResult result = hosts.run(server.host(null), "echo out; echo err >&2; exit 3");
      assertThat(result.host()).isEqualTo(server.host(null));
      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(result.stdout()).isEqualTo("out\n");
      assertThat(result.stderr()).isEqualTo("err\n");
      assertThat(result.lastErrorLine()).isEqualTo("err");
    }
  }

  @Test
  void aHostThatCouldNotBeConnectedToIsLeftOutOfTheCommandsBestEffortWork() throws Exception {
    String down = closedLocalAddress();
    String up = server.host(null);
    try (SshHosts hosts = new SshHosts(settings("kh-failed"))) {
      assertThat(hosts.notFailedToConnect(List.of(up, down))).as("nothing failed yet").containsExactly(up, down);
      assertThatThrownBy(() -> hosts.run(down, "true")).isInstanceOf(ConnectionException.class);
      assertThat(hosts.run(up, "true").ok()).isTrue();
      assertThat(hosts.notFailedToConnect(List.of(up, down))).containsExactly(up);
    }
  }

  @Test
  void negotiatesTheMlKemHybridWhenTheServerOffersIt() {
    int before = server.keyExchanges().size();
    try (SshHosts hosts = new SshHosts(settings("kh-kex"))) {
      assertThat(hosts.run(server.host(null), "true").ok()).isTrue();
    }
    assertThat(server.keyExchanges().subList(before, server.keyExchanges().size()))
        .containsExactly("mlkem768x25519-sha256");
  }

  @Test
  void keyExchangeOrderPutsMlKemFirstAndKeepsEveryPostQuantumHybridBeforeTheClassicalOnes() {
    List<String> names = SshClientFactory.postQuantumFirst(
        org.apache.sshd.client.SshClient.setUpDefaultClient().getKeyExchangeFactories()).stream()
        .map(org.apache.sshd.common.NamedResource::getName).toList();
    assertThat(names.get(0)).isEqualTo("mlkem768x25519-sha256");
    assertThat(names).contains("sntrup761x25519-sha512", "curve25519-sha256");
    int lastHybrid = 0;
    int firstClassical = names.size();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).startsWith("mlkem") || names.get(i).startsWith("sntrup")) {
        lastHybrid = i;
      } else {
        firstClassical = Math.min(firstClassical, i);
      }
    }
    assertThat(lastHybrid).isLessThan(firstClassical);
  }

  @Test
  void oneSessionPerHostIsReusedForEveryCommand() {
    int before = server.sessionsCreated();
    try (SshHosts hosts = new SshHosts(settings("kh-reuse"))) {
      for (int i = 0; i < 5; i++) {
        assertThat(hosts.run(server.host(null), "true").ok()).isTrue();
      }
      hosts.runAll(List.of(server.host(null)), h -> "true");
      assertThat(hosts.connectionsOpened()).isEqualTo(1);
    }
    assertThat(server.sessionsCreated() - before).isEqualTo(1);
  }

  @Test
  void stdinIsClosedSoReadingCommandsDoNotHang() {
    try (SshHosts hosts = new SshHosts(settings("kh-stdin"))) {
      assertThat(hosts.run(server.host(null), "cat; echo done").stdout()).isEqualTo("done\n");
      assertThat(hosts.run(server.host(null), "cat", "fed\n".getBytes(StandardCharsets.UTF_8)).stdout())
          .isEqualTo("fed\n");
    }
  }

  @Test
  void runAllRunsHostsInParallelAndKeepsHostOrder() {
    List<String> names = List.of(server.host("a"), server.host("b"), server.host("c"), server.host("d"));
    try (SshHosts hosts = new SshHosts(settings("kh-parallel"))) {
      hosts.runAll(names, h -> "true"); // connect first so only the commands are timed
      long start = System.nanoTime();
      List<RemoteResult> results = hosts.runAll(names, h -> "sleep 1; echo " + h.charAt(0));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(results).extracting(RemoteResult::host).containsExactlyElementsOf(names);
      assertThat(results).extracting(RemoteResult::stdout).containsExactly("a\n", "b\n", "c\n", "d\n");
      assertThat(took).isLessThan(Duration.ofMillis(2500));
      assertThat(hosts.connectionsOpened()).isEqualTo(4);
    }
  }

  @Test
  void parallelismBoundsHowManyHostsRunAtOnce() {
    List<String> names = List.of(server.host("a"), server.host("b"), server.host("c"), server.host("d"));
    Path marks = dir.resolve("marks");
    try (SshHosts hosts = new SshHosts(settings("kh-bounded").withConcurrency(2, 2))) {
      // Each command records how many commands were running when it started (mkdir is atomic).
      List<RemoteResult> results = hosts.runAll(names, h -> "mkdir -p " + marks + " && touch " + marks + "/" + h.charAt(0)
          + " && ls " + marks + " | wc -l && sleep 0.5 && rm " + marks + "/" + h.charAt(0));
      assertThat(results).allMatch(RemoteResult::ok);
      assertThat(results).extracting(r -> Integer.parseInt(r.stdout().strip())).allMatch(n -> n <= 2);
    }
  }

  @Test
  void outputLinesAreStreamedWithTheirHost() {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    try (SshHosts hosts = new SshHosts(settings("kh-lines"), () -> { },
        OutputListener.prefixed(lines::add))) {
      hosts.run(server.host(null), "printf 'one\\ntwo\\r\\n'; printf 'é partial' >&2");
    }
    assertThat(lines).containsExactlyInAnyOrder("[" + server.host(null) + "] one", "[" + server.host(null) + "] two",
        "[" + server.host(null) + "] é partial");
  }

  @Test
  void beforeFirstConnectRunsOnceAndOnlyWhenConnecting() {
    AtomicInteger calls = new AtomicInteger();
    try (SshHosts hosts = new SshHosts(settings("kh-pre"), calls::incrementAndGet, OutputListener.NONE)) {
      assertThat(calls).hasValue(0);
      hosts.runAll(List.of(server.host("a"), server.host("b"), server.host("c")), h -> "true");
      hosts.run(server.host(null), "true");
      assertThat(calls).hasValue(1);
    }
  }

  @Test
  void failingBeforeFirstConnectStopsEveryConnection() {
    int before = server.sessionsCreated();
    try (SshHosts hosts = new SshHosts(settings("kh-prefail"), () -> {
      throw new IllegalStateException("pre-connect failed");
    }, OutputListener.NONE)) {
      assertThatThrownBy(() -> hosts.run(server.host(null), "true")).hasMessage("pre-connect failed");
      assertThatThrownBy(() -> hosts.run(server.host(null), "true")).hasMessage("pre-connect failed");
    }
    assertThat(server.sessionsCreated()).isEqualTo(before);
  }

  @Test
  void failuresAreReportedOneLinePerHost() throws Exception {
    String unreachable = closedLocalAddress();
    try (SshHosts hosts = new SshHosts(settings("kh-fail"))) {
      assertThatThrownBy(() -> hosts.runAllOrThrow("docker login", List.of(server.host(null), unreachable),
          h -> "echo progress; echo 'denied: bad token' >&2; exit 4"))
          .isInstanceOf(RemoteException.class)
          .satisfies(e -> {
            RemoteException remote = (RemoteException) e;
            assertThat(remote.failedHosts()).containsExactly(server.host(null), unreachable);
            assertThat(remote.getMessage().split("\n")).satisfiesExactly(
                first -> assertThat(first).isEqualTo(server.host(null)
                    + ": docker login failed (exit 4): denied: bad token"),
                second -> assertThat(second).isEqualTo(unreachable
                    + ": docker login could not run: connection refused (root@" + unreachable + ")"));
          });
    }
  }

  @Test
  void hostThatNeverSpeaksSshTimesOutWithinTheConnectTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept());
          }
        } catch (java.io.IOException ignored) {
          // closed
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String host = "127.0.0.1:" + silent.getLocalPort();
      try (SshHosts hosts = new SshHosts(settings("kh-silent").withConnectTimeout(Duration.ofSeconds(1)))) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> hosts.run(host, "true"))
            .isInstanceOf(ConnectionException.class)
            .hasMessageStartingWith(host + ": ")
            .hasMessageContaining("timed out after 1s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1900));
      }
    }
  }

  @Test
  void refusedAuthenticationNamesTheUser() throws Exception {
    Path stranger = InJvmSshServer.newClientKey(dir, "stranger");
    SshSettings settings = settings("kh-auth").withKeys(List.of(stranger), true);
    try (SshHosts hosts = new SshHosts(settings)) {
      assertThatThrownBy(() -> hosts.run(server.host("deploy"), "true"))
          .isInstanceOf(ConnectionException.class)
          .hasMessageStartingWith(server.host("deploy") + ": authentication refused for user deploy");
    }
  }

  @Test
  void unknownHostKeyIsRecordedAndThenRequired() throws Exception {
    Path knownHosts = dir.resolve("kh-new");
    try (SshHosts hosts = new SshHosts(settings("kh-new"))) {
      assertThat(hosts.run(server.host(null), "true").ok()).isTrue();
    }
    String expected = "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(server.hostKey().getPublic());
    assertThat(Files.readAllLines(knownHosts)).containsExactly(expected);
    try (SshHosts hosts = new SshHosts(settings("kh-new"))) {
      assertThat(hosts.run(server.host(null), "true").ok()).isTrue();
    }
    assertThat(Files.readAllLines(knownHosts)).containsExactly(expected);
  }

  @Test
  void changedHostKeyIsRefusedNamingHostAndFingerprints() throws Exception {
    Path knownHosts = dir.resolve("kh-changed");
    var oldKey = InJvmSshServer.newHostKey();
    String recorded = "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(oldKey.getPublic()) + "\n";
    Files.writeString(knownHosts, recorded);
    try (SshHosts hosts = new SshHosts(settings("kh-changed"))) {
      assertThatThrownBy(() -> hosts.run(server.host(null), "true"))
          .isInstanceOf(HostKeyChangedException.class)
          .hasMessageStartingWith("[127.0.0.1]:" + server.port() + ": host key changed")
          .hasMessageContaining(KeyUtils.getFingerPrint(server.hostKey().getPublic()))
          .hasMessageContaining(KeyUtils.getFingerPrint(oldKey.getPublic()))
          .hasMessageContaining("SHA256:");
    }
    assertThat(Files.readString(knownHosts)).isEqualTo(recorded);
  }

  @Test
  void uploadWritesExactBytesWithTheMode() throws Exception {
    Path target = dir.resolve("uploaded dir's").resolve("file $x");
    Files.createDirectories(target.getParent());
    byte[] content = new byte[256];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    try (SshHosts hosts = new SshHosts(settings("kh-upload"))) {
      hosts.upload(server.host(null), content, target.toString(), "640");
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
  }

  @Test
  void nothingIsStartedForCommandsThatNeverConnect() {
    SshHosts hosts = new SshHosts(settings("kh-lazy"));
    hosts.close();
    assertThat(hosts.connectionsOpened()).isZero();
    assertThat(Files.exists(dir.resolve("kh-lazy"))).isFalse();
  }
}

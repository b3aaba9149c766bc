package io.sextant.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote port forwarding over the session the commands use, against an SSH server in this JVM (which listens
 * for the forward on this machine's loopback, as a host's sshd does on its own).
 */
class RemotePortForwardTest {
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

  @Test
  void connectionsToTheHostsPortReachTheLocalPortUntilClosed() throws Exception {
    try (ServerSocket local = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
        SshHosts hosts = new SshHosts(InJvmSshServer.clientSettings(clientKey, dir.resolve("kh")))) {
      Thread answering = answerOnce(local, "registry here");
      int remotePort = freePort();
      RemotePortForward forward = hosts.forwardRemotePort(server.host(null), remotePort, local.getLocalPort());
      assertThat(forward.port()).isEqualTo(remotePort);
      assertThat(hosts.connectionsOpened()).as("no connection of its own").isEqualTo(1);
      assertThat(hosts.run(server.host(null), "true").exitCode()).isZero();
      assertThat(hosts.connectionsOpened()).as("the commands share the forward's session").isEqualTo(1);

      assertThat(readFrom(remotePort)).isEqualTo("registry here");
      answering.join(5_000);

      forward.close();
      assertThatThrownBy(() -> readFrom(remotePort)).isInstanceOf(ConnectException.class);
      forward.close(); // closing twice is harmless
    }
  }

  @Test
  void aPortTheHostCannotListenOnIsReportedNamingTheHostAndPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
        SshHosts hosts = new SshHosts(InJvmSshServer.clientSettings(clientKey, dir.resolve("kh2")))) {
      assertThatThrownBy(() -> hosts.forwardRemotePort(server.host(null), taken.getLocalPort(), 1))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining(server.host(null))
          .hasMessageContaining("port forwarding of " + taken.getLocalPort() + " refused");
    }
  }

  private static Thread answerOnce(ServerSocket local, String text) {
    Thread thread = new Thread(() -> {
      try (Socket socket = local.accept(); OutputStream out = socket.getOutputStream()) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // the test fails on what it read
      }
    });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static String readFrom(int port) throws IOException {
    try (Socket socket = new Socket(java.net.InetAddress.getLoopbackAddress(), port);
        InputStream in = socket.getInputStream()) {
      socket.setSoTimeout(5_000);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}

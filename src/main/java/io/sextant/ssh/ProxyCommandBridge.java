package io.sextant.ssh;

import io.sextant.commands.Shell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Kamal's {@code ssh.proxy_command} (OpenSSH's ProxyCommand), which MINA lacks: the command runs with
 * {@code /bin/sh -c} after {@code %h}, {@code %p}, {@code %r} and {@code %%} are expanded, and a one-shot listener
 * on 127.0.0.1 pipes the SSH connection through the command's stdin/stdout. Host keys are still checked against
 * the real host name (see {@link KnownHostsVerifier#TARGET}).
 */
final class ProxyCommandBridge implements AutoCloseable {
  private final ServerSocket listener;
  private final Process process;
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private volatile Socket socket;

  private ProxyCommandBridge(ServerSocket listener, Process process) {
    this.listener = listener;
    this.process = process;
  }

  /** Starts the command for {@code address} and a listener waiting for the one SSH connection. */
  static ProxyCommandBridge start(String template, HostAddress address) throws IOException {
    ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Process process;
    try {
      process = new ProcessBuilder("/bin/sh", "-c", expand(template, address)).start();
    } catch (IOException e) {
      listener.close();
      throw e;
    }
    ProxyCommandBridge bridge = new ProxyCommandBridge(listener, process);
    bridge.daemon("proxy-command-stderr", () -> copy(process.getErrorStream(), bridge.stderr));
    bridge.daemon("proxy-command-accept", bridge::acceptAndPump);
    return bridge;
  }

  /** {@code %h} host, {@code %p} port, {@code %r} user (quoted for the shell), {@code %%} a percent sign. */
  static String expand(String template, HostAddress address) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '%' || i + 1 == template.length()) {
        out.append(c);
        continue;
      }
      char next = template.charAt(++i);
      switch (next) {
        case 'h': out.append(Shell.quote(address.hostName())); break;
        case 'p': out.append(address.port()); break;
        case 'r': out.append(Shell.quote(address.user())); break;
        case '%': out.append('%'); break;
        default: out.append('%').append(next);
      }
    }
    return out.toString();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The last line the command wrote to stderr, to explain a failed connection. */
  String lastError() {
    synchronized (stderr) {
      String[] lines = stderr.toString(StandardCharsets.UTF_8).strip().split("\n");
      return lines[lines.length - 1].strip();
    }
  }

  @Override
  public void close() {
    process.destroy();
    closeQuietly(listener);
    Socket current = socket;
    if (current != null) {
      closeQuietly(current);
    }
  }

  private void acceptAndPump() {
    try {
      Socket accepted = listener.accept();
      listener.close(); // exactly one connection per bridge
      socket = accepted;
      daemon("proxy-command-in", () -> {
        copy(accepted.getInputStream(), process.getOutputStream());
        closeQuietly(process.getOutputStream());
      });
      copy(process.getInputStream(), accepted.getOutputStream());
    } catch (IOException e) {
      // connection closed or command ended: the SSH session sees end of stream
    } finally {
      close();
    }
  }

  private void daemon(String name, IoAction action) {
    Thread thread = new Thread(() -> {
      try {
        action.run();
      } catch (IOException ignored) {
        // end of one direction of the pipe
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[32 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      synchronized (out) {
        out.write(buffer, 0, n);
        out.flush();
      }
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // already closed
    }
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }
}

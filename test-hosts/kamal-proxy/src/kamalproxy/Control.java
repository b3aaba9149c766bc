package kamalproxy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The local channel between {@code kamal-proxy <command>} and the running server: a unix socket where
 * kamal-proxy keeps its own ({@code $XDG_RUNTIME_DIR} or {@code /tmp}, {@code kamal-proxy.sock}). The client sends
 * its already validated command line; the server parses it again, runs it and answers with an exit status and
 * the text to print.
 */
final class Control {
  /** What the server answered: 0 and output, or 1 and the error message. */
  record Reply(int status, String text) {
  }

  /** Runs one command line on the server side. */
  interface Executor {
    Reply execute(List<String> argv);
  }

  private Control() {
  }

  static Path socketPath() {
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    return Path.of(runtime != null && !runtime.isEmpty() ? runtime : System.getProperty("java.io.tmpdir"),
        "kamal-proxy.sock");
  }

  /**
   * How long a command waits for the server's socket. Upstream's Go server listens within milliseconds of
   * {@code docker run}, and Kamal runs {@code docker exec kamal-proxy kamal-proxy deploy} right after it; a JVM
   * needs up to a second or two on a busy machine, so the client waits for it instead of failing at once.
   */
  private static final long CONNECT_PATIENCE_MILLIS = 20_000;

  /** Sends {@code argv} to the server and returns its reply; IOException when no server listens. */
  static Reply send(List<String> argv) throws IOException {
    Path socket = socketPath();
    try (SocketChannel channel = connect(socket)) {
      DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
      out.writeInt(argv.size());
      for (String arg : argv) {
        writeString(out, arg);
      }
      out.flush();
      DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
      int status = in.readInt();
      return new Reply(status, readString(in));
    } catch (IOException e) {
      throw new IOException("dial unix " + socket + ": connect: " + e.getMessage(), e);
    }
  }

  private static SocketChannel connect(Path socket) throws IOException {
    long deadline = System.currentTimeMillis() + CONNECT_PATIENCE_MILLIS;
    while (true) {
      try {
        return SocketChannel.open(UnixDomainSocketAddress.of(socket));
      } catch (IOException e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Listens on the socket (replacing a stale one) and serves each connection on {@code threads}. */
  static ServerSocketChannel listen(Executor executor, ExecutorService threads) throws IOException {
    Path socket = socketPath();
    Files.deleteIfExists(socket);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread acceptor = new Thread(() -> {
      while (server.isOpen()) {
        try {
          SocketChannel channel = server.accept();
          threads.execute(() -> serve(channel, executor));
        } catch (IOException e) {
          if (server.isOpen()) {
            Log.error("Error accepting RPC connection", "error", String.valueOf(e));
          }
        }
      }
    }, "control-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  private static void serve(SocketChannel channel, Executor executor) {
    try (channel) {
      DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
      int count = in.readInt();
      List<String> argv = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        argv.add(readString(in));
      }
      Reply reply = executor.execute(argv);
      DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
      out.writeInt(reply.status());
      writeString(out, reply.text());
      out.flush();
    } catch (IOException e) {
      Log.error("Error serving RPC connection", "error", String.valueOf(e));
    }
  }

  private static void writeString(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}

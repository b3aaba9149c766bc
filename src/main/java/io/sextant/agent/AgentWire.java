package io.sextant.agent;

import io.sextant.ssh.SshSettings;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agent's wire format, one request per connection. The agent speaks first ({@link #READY}); the client then
 * sends {@link #MAGIC}, an operation and its arguments; the agent answers with frames: output lines, then one
 * result. Strings are UTF-8 with an int length; nothing here is written to disk.
 */
final class AgentWire {
  static final int MAGIC = 0x53584131; // "SXA1": a client of another protocol version is refused
  static final byte READY = 'A';
  static final byte EXEC = 'x';
  static final byte STATUS = 's';
  static final byte STOP = 'q';
  static final byte LINE = 'L';
  static final byte RESULT = 'R';
  static final byte UNREACHABLE = 'C';
  static final byte BAD_HOST = 'H';
  static final byte FAILED = 'E';
  static final byte TEXT = 'T';
  /**
   * A thin client's whole command: argv, working directory, environment, whether it has a terminal, the character
   * sets of its stdout and stderr.
   */
  static final byte RUN = 'r';
  /** Agent to thin client: bytes for its standard output / error. */
  static final byte STDOUT = '1';
  static final byte STDERR = '2';
  /** Agent to thin client: the command reads its standard input; send it. */
  static final byte STDIN_WANTED = '<';
  /** Agent to thin client: the command's exit code; nothing follows. */
  static final byte EXIT = 'X';
  /** Agent to thin client: run this command in your own process (interactive, or the agent is busy). */
  static final byte RUN_LOCALLY = 'l';
  /** Thin client to agent: bytes of its standard input (none: the end of it). */
  static final byte STDIN = 'i';
  /** Thin client to agent: it got a signal (the int: the exit code it means, 130 for Ctrl-C). */
  static final byte SIGNAL = '!';
  private static final int MAX_BYTES = 256 << 20;

  private AgentWire() {}

  static void writeString(DataOutputStream out, String value) throws IOException {
    writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
  }

  static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
    out.writeInt(value.length);
    out.write(value);
  }

  static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_BYTES) {
      throw new IOException("bad length " + length);
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw ended();
    }
    return bytes;
  }

  /** Everything that makes a session, in a fixed order (also the basis of the agent's session key). */
  static byte[] settings(SshSettings settings) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeString(out, settings.user());
      out.writeInt(settings.port());
      writePaths(out, settings.keys());
      out.writeBoolean(settings.keysOnly());
      out.writeInt(settings.keyData().size());
      for (String key : settings.keyData()) {
        writeString(out, key);
      }
      writeString(out, settings.proxyJump().orElse(""));
      writeString(out, settings.proxyCommand().orElse(""));
      writePaths(out, settings.sshConfigs());
      writeString(out, settings.agentSocket().map(Path::toString).orElse(""));
      out.writeLong(settings.connectTimeout().toMillis());
      writeString(out, settings.knownHostsFile().toString());
      out.writeInt(settings.maxConcurrentStarts());
      out.writeInt(settings.parallelism());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  static SshSettings settings(byte[] encoded) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(encoded));
    String user = readString(in);
    int port = in.readInt();
    List<Path> keys = readPaths(in);
    boolean keysOnly = in.readBoolean();
    List<String> keyData = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      keyData.add(readString(in));
    }
    Optional<String> jump = optional(readString(in));
    Optional<String> proxyCommand = optional(readString(in));
    List<Path> configs = readPaths(in);
    Optional<Path> agentSocket = optional(readString(in)).map(Path::of);
    Duration timeout = Duration.ofMillis(in.readLong());
    Path knownHosts = Path.of(readString(in));
    int starts = in.readInt();
    int parallelism = in.readInt();
    return new SshSettings(user, port, keys, keysOnly, keyData, jump, proxyCommand, configs, agentSocket, timeout,
        knownHosts, starts, parallelism);
  }

  private static void writePaths(DataOutputStream out, List<Path> paths) throws IOException {
    out.writeInt(paths.size());
    for (Path path : paths) {
      writeString(out, path.toString());
    }
  }

  private static List<Path> readPaths(DataInputStream in) throws IOException {
    List<Path> paths = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      paths.add(Path.of(readString(in)));
    }
    return paths;
  }

  private static Optional<String> optional(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * A stream reading the channel directly: {@code Channels.newInputStream} would take the channel's blocking
   * lock for a read, so a write from another thread (an output line) would wait for the read to end.
   */
  static InputStream input(SocketChannel channel) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
          return 0;
        }
        return channel.read(ByteBuffer.wrap(buffer, offset, length));
      }
    };
  }

  /** A stream writing the channel directly (see {@link #input}). */
  static OutputStream output(SocketChannel channel) {
    return new OutputStream() {
      @Override
      public void write(int value) throws IOException {
        write(new byte[] {(byte) value}, 0, 1);
      }

      @Override
      public void write(byte[] buffer, int offset, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      }
    };
  }

  static EOFException ended() {
    return new EOFException("the connection ended");
  }
}

package io.sextant.ssh;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * Lets MINA authenticate with the keys of the user's ssh-agent ({@code SSH_AUTH_SOCK}), over the JDK's own Unix
 * domain sockets (MINA's built-in connector needs the Tomcat APR native library). Agent forwarding is not offered.
 */
final class AgentConnector implements SshAgentFactory {
  private final Path socket;

  private AgentConnector(Path socket) {
    this.socket = socket;
  }

  /** A connector for {@code socket} if it exists. */
  static Optional<SshAgentFactory> at(Optional<Path> socket) {
    return socket.filter(Files::exists).map(AgentConnector::new);
  }

  @Override
  public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
    return List.of();
  }

  @Override
  public SshAgent createClient(Session session, FactoryManager manager) {
    return new SocketAgent(socket);
  }

  @Override
  public SshAgentServer createServer(ConnectionService service) {
    return null; // no agent forwarding
  }

  /** One agent conversation: requests written to the socket, answers read back (length-prefixed messages). */
  static final class SocketAgent extends AbstractAgentProxy {
    private final Path socket;
    private SocketChannel channel;
    private boolean closed;

    SocketAgent(Path socket) {
      super(null);
      this.socket = socket;
    }

    @Override
    public Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
      try {
        return super.getIdentities();
      } catch (IOException e) {
        return List.of(); // an agent that is gone or broken just offers no keys; file keys may still work
      }
    }

    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
      if (channel == null) {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
      }
      channel.write(ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available()));
      ByteBuffer header = read(4);
      int length = header.getInt(0);
      if (length < 0 || length > 256 * 1024) {
        throw new IOException("ssh-agent sent an invalid message length " + length);
      }
      return new ByteArrayBuffer(read(length).array());
    }

    private ByteBuffer read(int length) throws IOException {
      ByteBuffer bytes = ByteBuffer.allocate(length);
      while (bytes.hasRemaining()) {
        if (channel.read(bytes) < 0) {
          throw new EOFException("ssh-agent closed the connection");
        }
      }
      return bytes;
    }

    @Override
    public synchronized boolean isOpen() {
      return !closed;
    }

    @Override
    public synchronized void close() throws IOException {
      closed = true;
      if (channel != null) {
        channel.close();
      }
      super.close();
    }
  }
}

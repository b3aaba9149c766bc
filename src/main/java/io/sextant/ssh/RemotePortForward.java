package io.sextant.ssh;

import java.io.IOException;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.StaticDecisionForwardingFilter;

/**
 * An SSH remote port forward (OpenSSH's {@code -R}) on a host's existing session: the host's sshd listens on its
 * loopback and passes every connection back through the session to a port on this machine's loopback. Closing
 * it cancels the forward, so the host stops listening; a lost session takes the listener with it.
 */
public final class RemotePortForward implements AutoCloseable {
  private final String host;
  private final ClientSession session;
  private final SshdSocketAddress listening;
  private boolean closed;

  private RemotePortForward(String host, ClientSession session, SshdSocketAddress listening) {
    this.host = host;
    this.session = session;
    this.listening = listening;
  }

  /**
   * Asks {@code host}'s sshd to listen on its {@code 127.0.0.1:remotePort} and to forward to this machine's
   * {@code 127.0.0.1:localPort}.
   *
   * @throws ConnectionException when the sshd refuses (port taken, forwarding disabled) or the session is lost
   */
  static RemotePortForward open(String host, ClientSession session, int remotePort, int localPort) {
    try {
      SshdSocketAddress bound = session.startRemotePortForwarding(
          new SshdSocketAddress("127.0.0.1", remotePort), new SshdSocketAddress("127.0.0.1", localPort));
      return new RemotePortForward(host, session, bound);
    } catch (IOException | RuntimeException e) {
      throw new ConnectionException(host, "port forwarding of " + remotePort + " refused: "
          + SshHosts.message(e), e);
    }
  }

  public String host() {
    return host;
  }

  /** The port the host listens on. */
  public int port() {
    return listening.getPort();
  }

  /** Cancels the forward and waits for the host's answer; a session already gone has no listener left to stop. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!session.isOpen()) {
      return;
    }
    try {
      session.stopRemotePortForwarding(listening);
    } catch (IOException e) {
      throw new ConnectionException(host, "could not cancel the port forwarding of " + port() + ": "
          + SshHosts.message(e), e);
    }
  }

  /** {@link #close()}, ignoring a failure (the forward ends with its session anyway). */
  void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      // nothing more to do: the host stops listening when the session closes
    }
  }

  /**
   * The client's forwarding filter: accepts the connections a host sends back for a forward this client asked
   * for ({@code forwarded-tcpip}, whose target is the local address given to {@link #open}), refuses the rest
   * (agent and X11 forwarding, {@code direct-tcpip}), as MINA's default does.
   */
  static final class Filter extends StaticDecisionForwardingFilter {
    static final Filter INSTANCE = new Filter();

    private Filter() {
      super(false);
    }

    @Override
    public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
      return type == Type.Forwarded && address != null;
    }
  }
}

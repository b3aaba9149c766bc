package io.sextant.ssh;

import java.util.List;

/**
 * A host could not be reached: DNS, TCP connect, timeout, key exchange, authentication or a changed host key.
 * The message is one line naming the host and the cause.
 */
public class ConnectionException extends RemoteException {
  private final String host;

  public ConnectionException(String host, String reason, Throwable cause) {
    super(host + ": " + reason, List.of(new RemoteResult(host, RemoteResult.NOT_RUN, "", reason)), cause);
    this.host = host;
  }

  public String host() {
    return host;
  }

  /** The reason without the host prefix. */
  public String reason() {
    return failures().get(0).stderr();
  }
}

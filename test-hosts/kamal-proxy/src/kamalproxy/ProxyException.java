package kamalproxy;

/** A command the server refuses or cannot complete; the message is what kamal-proxy's client prints. */
final class ProxyException extends Exception {
  ProxyException(String message) {
    super(message);
  }
}

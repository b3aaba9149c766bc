package io.sextant.ssh;

/**
 * The host presented a key different from the one recorded for it in known_hosts: possibly a
 * man-in-the-middle, possibly a reinstalled server. Never accepted automatically.
 */
public class HostKeyChangedException extends ConnectionException {
  public HostKeyChangedException(String host, String knownHostsFile, String expectedFingerprint,
      String actualFingerprint) {
    super(host, "host key changed: the host offered " + actualFingerprint + " but " + knownHostsFile
        + " records " + expectedFingerprint + "; if the server was reinstalled, remove the old entry"
        + " (ssh-keygen -R " + host + " -f " + knownHostsFile + ")", null);
  }
}

package io.sextant.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * Host-key policy of OpenSSH's {@code StrictHostKeyChecking=accept-new} against one known_hosts file: a recorded
 * key must match; a host seen for the first time (or with no key of the offered type) is accepted and appended;
 * a host whose recorded key of the same type differs is refused, and the refusal is kept so the caller can
 * report it with both fingerprints ({@link #changedKey(String, int)}). {@code @revoked} keys are refused.
 */
final class KnownHostsVerifier implements ServerKeyVerifier {
  private final Path file;
  private final Map<String, HostKeyChangedException> refused = new ConcurrentHashMap<>();
  private final Object fileLock = new Object();
  private final List<HostAddress> jumpHosts;
  private List<KnownHostEntry> parsed = List.of(); // guarded by fileLock, see read()
  private String parsedStamp;

  /** Set on each connection: the host we mean, whatever address the TCP connection really goes to. */
  static final AttributeRepository.AttributeKey<HostAddress> TARGET = new AttributeRepository.AttributeKey<>();

  /**
   * @param jumpHosts the ProxyJump hosts: their sessions are checked under their own names, every other session
   *     of a connection under the name of its {@link #TARGET} (through a jump host or a proxy_command bridge the
   *     TCP peer is a local forwarding port, which must never be what the key is recorded for)
   */
  KnownHostsVerifier(Path file, List<HostAddress> jumpHosts) {
    this.file = file;
    this.jumpHosts = List.copyOf(jumpHosts);
  }

  @Override
  public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
    SocketAddress named = session.getConnectAddress() != null ? session.getConnectAddress() : remoteAddress;
    String host = hostOf(named);
    int port = portOf(named);
    HostAddress target = session.getConnectionContext() == null ? null
        : session.getConnectionContext().getAttribute(TARGET);
    if (target != null && !isJumpHost(host, port)) {
      host = target.hostName();
      port = target.port();
    }
    synchronized (fileLock) {
      List<KnownHostEntry> entries = read();
      String type = KeyUtils.getKeyType(serverKey);
      String recordedFingerprint = null;
      for (KnownHostEntry entry : entries) {
        if (!entry.isHostMatch(host, port) || "cert-authority".equals(entry.getMarker())) {
          continue;
        }
        PublicKey known = keyOf(entry);
        if (known == null) {
          continue;
        }
        boolean same = KeyUtils.compareKeys(known, serverKey);
        if ("revoked".equals(entry.getMarker())) {
          if (same) {
            return false;
          }
        } else if (same) {
          return true;
        } else if (type.equals(KeyUtils.getKeyType(known)) && recordedFingerprint == null) {
          recordedFingerprint = KeyUtils.getFingerPrint(known);
        }
      }
      if (recordedFingerprint != null) {
        refused.put(key(host, port), new HostKeyChangedException(
            knownHostsName(host, port), file.toString(), recordedFingerprint, KeyUtils.getFingerPrint(serverKey)));
        return false;
      }
      append(knownHostsName(host, port), serverKey);
      return true;
    }
  }

  private boolean isJumpHost(String host, int port) {
    return jumpHosts.stream().anyMatch(j -> j.hostName().equals(host) && j.port() == port);
  }

  /** The refusal recorded for this host by the last verification, if its key had changed. */
  HostKeyChangedException changedKey(String host, int port) {
    return refused.get(key(host, port));
  }

  /** The host pattern OpenSSH writes: {@code host} on port 22, else {@code [host]:port}. */
  static String knownHostsName(String host, int port) {
    return port == 22 ? host : "[" + host + "]:" + port;
  }

  /**
   * The file's entries, parsed again only when its size or modification time changed (call under
   * {@code fileLock}): a fan-out to N hosts verifies N keys, and parsing N lines each time made that N².
   */
  private List<KnownHostEntry> read() {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      String stamp = attributes.size() + "@" + attributes.lastModifiedTime() + "/" + attributes.fileKey();
      if (!stamp.equals(parsedStamp)) {
        parsed = List.copyOf(KnownHostEntry.readKnownHostEntries(file));
        parsedStamp = stamp;
      }
      return parsed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static PublicKey keyOf(KnownHostEntry entry) {
    try {
      return entry.getKeyEntry() == null ? null
          : entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
    } catch (IOException | java.security.GeneralSecurityException e) {
      return null; // an unparsable line (unknown key type) never matches, as in OpenSSH
    }
  }

  private void append(String name, PublicKey key) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null && !Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      String line = name + " " + PublicKeyEntry.toString(key) + "\n";
      boolean needsNewline = Files.isRegularFile(file) && Files.size(file) > 0 && !endsWithNewline();
      Files.writeString(file, (needsNewline ? "\n" : "") + line, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      // Accepting without recording would silently weaken the next check; refuse instead.
      throw new UncheckedIOException("cannot record the host key of " + name + " in " + file + ": " + e.getMessage(), e);
    }
  }

  private boolean endsWithNewline() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return bytes[bytes.length - 1] == '\n';
  }

  private static String key(String host, int port) {
    return host + ":" + port;
  }

  private static String hostOf(SocketAddress address) {
    if (address instanceof SshdSocketAddress) {
      return ((SshdSocketAddress) address).getHostName();
    }
    if (address instanceof InetSocketAddress) {
      return ((InetSocketAddress) address).getHostString();
    }
    return String.valueOf(address);
  }

  private static int portOf(SocketAddress address) {
    if (address instanceof SshdSocketAddress) {
      return ((SshdSocketAddress) address).getPort();
    }
    if (address instanceof InetSocketAddress) {
      return ((InetSocketAddress) address).getPort();
    }
    return 22;
  }
}

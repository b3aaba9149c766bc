package io.sextant.ssh;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.AttributeRepository;

/**
 * Several ssh_config files read as one, in order: the host blocks of the first file, then those of the next, so that
 * the first value found for an option wins, as OpenSSH reads its files and net-ssh (Kamal's {@code ssh/config}
 * list) does. A file that does not exist is skipped, as net-ssh skips it. The files are read on the first
 * connection, not when the client is built.
 */
final class SshConfigFiles implements HostConfigEntryResolver {
  private final List<Path> files;
  private HostConfigEntryResolver resolver;

  SshConfigFiles(List<Path> files) {
    this.files = List.copyOf(files);
  }

  /** Every host block of every readable file, in file order then line order. */
  static List<HostConfigEntry> entries(List<Path> files) throws IOException {
    List<HostConfigEntry> all = new ArrayList<>();
    for (Path file : files) {
      if (Files.isReadable(file) && Files.isRegularFile(file)) {
        all.addAll(HostConfigEntry.readHostConfigEntries(file));
      }
    }
    return all;
  }

  @Override
  public HostConfigEntry resolveEffectiveHost(String host, int port, SocketAddress localAddress, String username,
      String proxyJump, AttributeRepository context) throws IOException {
    return resolver().resolveEffectiveHost(host, port, localAddress, username, proxyJump, context);
  }

  private synchronized HostConfigEntryResolver resolver() throws IOException {
    if (resolver == null) {
      resolver = HostConfigEntry.toHostConfigEntryResolver(entries(files));
    }
    return resolver;
  }
}

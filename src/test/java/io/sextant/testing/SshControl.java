package io.sextant.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Connection sharing for {@link TestHosts#ssh}: the first call to a host leaves an OpenSSH master connection in the
 * background ({@code ControlMaster=auto}), the next calls run as new sessions on it, and it exits after 30 s without
 * one. The sockets are in a directory of this JVM's under {@code /tmp} (a socket path must stay short).
 *
 * <p>A host made unreachable on purpose ({@link TestHosts#stop}, {@link TestHosts#unplug}) gets its master closed
 * first, so the next call connects anew and fails as a new connection does. A master whose host went away some other
 * way (a hook stopping sshd kills its sessions) ends with its connection; ssh then connects directly.
 */
final class SshControl {
  private static Path dir;

  private SshControl() {}

  /** The {@code ssh} options that share one connection per user, host and port. */
  static List<String> options() {
    return List.of("-o", "ControlMaster=auto", "-o", "ControlPath=" + dir() + "/%r@%h:%p",
        "-o", "ControlPersist=30", "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3");
  }

  /** Ends the master connection to {@code host}, if any, and waits (at most 2 s) until its socket is gone. */
  static void close(String user, TestHost host) {
    Path socket = dir().resolve(user + "@" + host.ip() + ":" + host.sshPort());
    if (Files.exists(socket)) {
      exit(socket, user + "@" + host.ip());
    }
  }

  private static void exit(Path socket, String destination) {
    LocalCommand.run(List.of("ssh", "-F", "/dev/null", "-o", "ControlPath=" + socket, "-O", "exit", destination),
        Map.of(), null, Duration.ofSeconds(10));
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (Files.exists(socket) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory(Path.of("/tmp"), "sextant-it-ssh-"); // 0700
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path created = dir;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(created), "ssh-masters-exit"));
    }
    return dir;
  }

  /** Ends every master this JVM left and removes the directory. */
  private static void closeAll(Path directory) {
    try (Stream<Path> sockets = Files.list(directory)) {
      for (Path socket : sockets.toList()) {
        String name = socket.getFileName().toString();
        exit(socket, name.substring(0, name.lastIndexOf(':')));
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // a leftover empty directory in /tmp is harmless
    }
  }
}

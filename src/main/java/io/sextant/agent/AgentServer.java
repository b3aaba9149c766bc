package io.sextant.agent;

import io.sextant.ssh.ConnectionException;
import io.sextant.ssh.OutputListener;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import io.sextant.ssh.SshSettings;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The warm agent: one JVM per user and build that keeps SSH sessions open between commands and runs the execs
 * commands hand it over its socket. Sessions are keyed by everything that makes one: the SSH settings (user, port,
 * keys, proxy, ssh_config files, known_hosts file, timeouts) plus the current content of the key, ssh_config and
 * known_hosts files, so an edited file gets a new session, checked afresh. Only the user that owns the agent is
 * served (the socket's directory is 0700 and every peer's uid is checked). It stops after an idle time.
 */
public final class AgentServer {
  private final AgentPlace place;
  private final Duration idle;
  private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
  private final AtomicLong served = new AtomicLong();
  private final long startedMillis = System.currentTimeMillis();
  private final String owner = System.getProperty("user.name");
  private volatile boolean stopping;
  private ServerSocketChannel server;

  private final ForwardedCommands commands;

  private record Entry(SshHosts hosts, AtomicLong lastUsed) {}

  /** An agent that serves only the SSH channels (a thin client is told to run its command itself). */
  public AgentServer(AgentPlace place, Duration idle) {
    this(place, idle, null);
  }

  /** @param commands runs a thin client's whole command here ({@code null}: only the SSH channels) */
  public AgentServer(AgentPlace place, Duration idle, CommandRunner commands) {
    this.place = place;
    this.idle = idle;
    this.commands = new ForwardedCommands(commands);
  }

  /** Runs a thin client's command in the agent: the CLI, which lives above this package. */
  public interface CommandRunner {
    /** Whether the command must run in the client's own process (interactive: it needs the terminal). */
    boolean runsLocally(java.util.List<String> args, Path workingDir, Map<String, String> environment);

    /** Runs the command (its {@link io.sextant.invocation.Invocation} is current) and returns its exit code. */
    int run(String[] args);
  }

  /** Whether the words ask for a terminal ({@code -i}, {@code -f} and their long forms): such a command runs locally. */
  public static boolean interactive(java.util.List<String> args) {
    return ForwardedCommands.interactive(args);
  }

  /**
   * Listens until stopped or idle; returns {@code false} at once when another agent of this build already
   * holds the place.
   */
  public boolean serve() throws IOException {
    place.create();
    String untrusted = place.untrusted();
    if (untrusted != null) {
      throw new IOException("refusing to listen: " + untrusted);
    }
    try (FileChannel lockFile = FileChannel.open(place.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = tryLock(lockFile)) {
      if (held == null) {
        return false;
      }
      Files.setPosixFilePermissions(place.lock(), PosixFilePermissions.fromString("rw-------"));
      Files.deleteIfExists(place.socket()); // a stale socket of an agent that died: nobody holds the lock
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(place.socket()));
      Files.setPosixFilePermissions(place.socket(), PosixFilePermissions.fromString("rw-------"));
      Thread watch = new Thread(this::stopWhenIdle, "sextant-agent-idle");
      watch.setDaemon(true);
      watch.start();
      while (!stopping) {
        SocketChannel client;
        try {
          client = server.accept();
        } catch (IOException e) {
          if (stopping) {
            break;
          }
          throw e;
        }
        Thread handler = new Thread(() -> handle(client), "sextant-agent-client");
        handler.setDaemon(true);
        handler.start();
      }
      return true;
    } finally {
      stop();
    }
  }

  private static FileLock tryLock(FileChannel file) throws IOException {
    try {
      return file.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return null; // held by another agent in this very JVM (tests)
    }
  }

  private void stopWhenIdle() {
    while (!stopping) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      if (active.get() == 0 && now - lastActivity.get() > idle.toNanos()) {
        stop();
        return;
      }
      // sessions nobody used for the idle time (e.g. keyed by an older known_hosts) are closed on their own
      if (active.get() > 0) {
        continue;
      }
      sessions.entrySet().removeIf(e -> {
        boolean old = now - e.getValue().lastUsed().get() > idle.toNanos();
        if (old) {
          e.getValue().hosts().close();
        }
        return old;
      });
    }
  }

  private synchronized void stop() {
    if (stopping && server == null) {
      return;
    }
    stopping = true;
    try {
      if (server != null) {
        Files.deleteIfExists(place.socket());
        server.close();
        server = null;
      }
    } catch (IOException e) {
      // the process ends anyway
    }
    sessions.values().forEach(entry -> entry.hosts().close());
    sessions.clear();
  }

  private void handle(SocketChannel channel) {
    active.incrementAndGet();
    try (channel) {
      UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
      if (!peer.user().getName().equals(owner)) {
        return; // another user's process: closed without a word
      }
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(AgentWire.output(channel)));
      DataInputStream in = new DataInputStream(new BufferedInputStream(AgentWire.input(channel)));
      out.writeByte(AgentWire.READY);
      out.flush();
      if (in.readInt() != AgentWire.MAGIC) {
        return;
      }
      byte op = in.readByte();
      if (op == AgentWire.EXEC) {
        exec(channel, in, out);
      } else if (op == AgentWire.RUN) {
        commands.serve(in, out);
      } else if (op == AgentWire.STATUS) {
        out.writeByte(AgentWire.TEXT);
        AgentWire.writeString(out, status());
        out.flush();
      } else if (op == AgentWire.STOP) {
        out.writeByte(AgentWire.TEXT);
        AgentWire.writeString(out, "pid " + ProcessHandle.current().pid());
        out.flush();
        stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // the client went away or spoke nonsense: nothing to answer
    } finally {
      lastActivity.set(System.nanoTime());
      active.decrementAndGet();
    }
  }

  private void exec(SocketChannel channel, DataInputStream in, DataOutputStream out) throws IOException {
    byte[] encoded = AgentWire.readBytes(in);
    String host = AgentWire.readString(in);
    String command = AgentWire.readString(in);
    byte[] stdin = in.readBoolean() ? AgentWire.readBytes(in) : null;
    SshSettings settings = AgentWire.settings(encoded);
    Entry entry = sessions.computeIfAbsent(sessionKey(encoded, settings),
        key -> new Entry(new SshHosts(settings), new AtomicLong()));
    entry.lastUsed().set(System.nanoTime());
    served.incrementAndGet();
    // The client closing its end (Ctrl-C, killed) abandons the command, as a cold process's exit would.
    AtomicReference<AutoCloseable> running = new AtomicReference<>();
    Thread watch = new Thread(() -> {
      try {
        while (AgentWire.input(channel).read() >= 0) {
          // a client sends nothing after its request
        }
      } catch (IOException e) {
        // closed
      }
      AutoCloseable handle = running.getAndSet(() -> { });
      closeQuietly(handle);
    }, "sextant-agent-watch");
    watch.setDaemon(true);
    watch.start();
    OutputListener lines = (h, stderr, line) -> {
      synchronized (out) {
        try {
          out.writeByte(AgentWire.LINE);
          out.writeBoolean(stderr);
          AgentWire.writeString(out, line);
          out.flush();
        } catch (IOException e) {
          // the client is gone; the watch thread abandons the command
        }
      }
    };
    try {
      RemoteResult result = entry.hosts().runInProcess(host, command, stdin, lines, handle -> {
        if (!running.compareAndSet(null, handle)) {
          closeQuietly(handle); // the client left before the channel opened
        }
      });
      synchronized (out) {
        out.writeByte(AgentWire.RESULT);
        out.writeInt(result.exitCode());
        AgentWire.writeString(out, result.stdout());
        AgentWire.writeString(out, result.stderr());
        out.flush();
      }
    } catch (ConnectionException e) {
      answer(out, AgentWire.UNREACHABLE, e.reason());
    } catch (IllegalArgumentException e) {
      answer(out, AgentWire.BAD_HOST, e.getMessage());
    } catch (RuntimeException e) {
      answer(out, AgentWire.FAILED, String.valueOf(e.getMessage()));
    } finally {
      entry.lastUsed().set(System.nanoTime());
    }
  }

  private static void answer(DataOutputStream out, byte kind, String text) throws IOException {
    synchronized (out) {
      out.writeByte(kind);
      AgentWire.writeString(out, text == null ? "" : text);
      out.flush();
    }
  }

  private static void closeQuietly(AutoCloseable handle) {
    if (handle != null) {
      try {
        handle.close();
      } catch (Exception e) {
        // already closed
      }
    }
  }

  /** The settings plus the content of every file they name: a changed key or known_hosts gets a new session. */
  private static String sessionKey(byte[] encoded, SshSettings settings) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(encoded);
      for (Path file : settings.keys()) {
        digestFile(digest, file);
      }
      for (Path file : settings.sshConfigs()) {
        digestFile(digest, file);
      }
      digestFile(digest, settings.knownHostsFile());
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void digestFile(MessageDigest digest, Path file) {
    digest.update((byte) 0);
    try {
      digest.update(Files.readAllBytes(file));
    } catch (IOException e) {
      digest.update((byte) 1); // missing or unreadable: the session opening reports it as it would in-process
    }
  }

  private String status() {
    int opened = 0;
    for (Entry entry : sessions.values()) {
      opened += entry.hosts().connectionsOpened();
    }
    return "pid: " + ProcessHandle.current().pid() + "\n"
        + "socket: " + place.socket() + "\n"
        + "uptime: " + (System.currentTimeMillis() - startedMillis) / 1000 + "s\n"
        + "idle stop after: " + idle.toSeconds() + "s\n"
        + "session keys: " + sessions.size() + "\n"
        + "connections opened: " + opened + "\n"
        + "execs served: " + served.get() + "\n"
        + "commands run: " + commands.count() + "\n";
  }
}

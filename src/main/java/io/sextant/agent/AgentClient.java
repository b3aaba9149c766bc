package io.sextant.agent;

import io.sextant.ssh.ConnectionException;
import io.sextant.ssh.OutputListener;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshSettings;
import io.sextant.ssh.WarmSessions;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A command's side of the agent: hands each exec over the socket and relays the output lines and result. An agent
 * that is not running makes every exec run in-process without a word (and the command starts one when it ends); one
 * that is stale, hung, foreign or in an untrusted directory is bypassed with one warning.
 */
public final class AgentClient implements WarmSessions {
  /** How long an agent may take to greet a new connection before it counts as hung. */
  static final Duration GREETING_TIMEOUT = Duration.ofSeconds(3);
  /** {@link #ask} the running agent for its status lines. */
  public static final byte STATUS = AgentWire.STATUS;
  /** {@link #ask} the running agent to stop (it answers with its pid). */
  public static final byte STOP = AgentWire.STOP;

  /**
   * The sockets of agents that did not greet in time, in this process: a hung agent is waited for once, not again
   * by the next client (the command a thin client gave up on runs in the same JVM and would wait as long).
   */
  private static final java.util.Set<java.nio.file.Path> HUNG = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final AgentPlace place;
  private final Consumer<String> warn;
  private volatile boolean warned;
  private volatile boolean absent;
  private volatile boolean trusted;

  /** @param warn prints one warning line (at most once per client) */
  public AgentClient(AgentPlace place, Consumer<String> warn) {
    this.place = place;
    this.warn = warn;
  }

  /** Whether no agent answered on this build's socket (none running, or a dead one's socket left behind). */
  public boolean absent() {
    return absent;
  }

  @Override
  public RemoteResult run(SshSettings settings, String host, String command, byte[] stdin, OutputListener lines) {
    SocketChannel channel = open();
    try (channel) {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(AgentWire.output(channel)));
      DataInputStream in = new DataInputStream(new BufferedInputStream(AgentWire.input(channel)));
      out.writeInt(AgentWire.MAGIC);
      out.writeByte(AgentWire.EXEC);
      AgentWire.writeBytes(out, AgentWire.settings(settings));
      AgentWire.writeString(out, host);
      AgentWire.writeString(out, command);
      out.writeBoolean(stdin != null);
      if (stdin != null) {
        AgentWire.writeBytes(out, stdin);
      }
      out.flush();
      while (true) {
        byte kind = in.readByte();
        switch (kind) {
          case AgentWire.LINE -> {
            boolean stderr = in.readBoolean();
            lines.line(host, stderr, AgentWire.readString(in));
          }
          case AgentWire.RESULT -> {
            int exit = in.readInt();
            return new RemoteResult(host, exit, AgentWire.readString(in), AgentWire.readString(in));
          }
          case AgentWire.UNREACHABLE -> throw new ConnectionException(host, AgentWire.readString(in), null);
          case AgentWire.BAD_HOST -> throw new IllegalArgumentException(AgentWire.readString(in));
          case AgentWire.FAILED -> throw new ConnectionException(host, "the Sextant agent failed: "
              + AgentWire.readString(in), null);
          default -> throw new IOException("unexpected frame " + kind);
        }
      }
    } catch (IOException e) {
      throw new Lost("the Sextant agent stopped while the command ran (" + place.socket()
          + "); its outcome on the host is unknown");
    }
  }

  /** Asks the running agent for {@code op}'s text answer ({@code null} when no agent answers). */
  public String ask(byte op) {
    SocketChannel channel;
    try {
      channel = open();
    } catch (Unavailable e) {
      return null;
    }
    try (channel) {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(AgentWire.output(channel)));
      DataInputStream in = new DataInputStream(new BufferedInputStream(AgentWire.input(channel)));
      out.writeInt(AgentWire.MAGIC);
      out.writeByte(op);
      out.flush();
      return in.readByte() == AgentWire.TEXT ? AgentWire.readString(in) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Connects and waits for the agent's greeting; anything else makes this exec (and the command) run in-process. */
  SocketChannel open() {
    if (!trusted) {
      if (!Files.isDirectory(place.dir()) || !Files.exists(place.socket())) {
        absent = true;
        throw new Unavailable("no agent running");
      }
      String untrusted = place.untrusted();
      if (untrusted != null) {
        throw unavailable("not using the Sextant agent: " + untrusted);
      }
    }
    if (HUNG.contains(place.socket())) {
      throw unavailable(hungMessage());
    }
    SocketChannel channel;
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    } catch (IOException e) {
      throw unavailable("not using the Sextant agent: " + e.getMessage());
    }
    try {
      channel.connect(UnixDomainSocketAddress.of(place.socket()));
    } catch (ConnectException | java.nio.file.NoSuchFileException e) {
      closeQuietly(channel);
      absent = true; // died without removing its socket (or stopped just now): a new one is started at the end
      throw unavailable("the Sextant agent at " + place.socket() + " is not running (stale socket); running"
          + " without it");
    } catch (IOException e) {
      closeQuietly(channel);
      if (!Files.exists(place.socket())) {
        absent = true; // it stopped (and removed its socket) just now
        throw new Unavailable("no agent running");
      }
      throw unavailable("not using the Sextant agent at " + place.socket() + ": " + e.getMessage());
    }
    Thread timer = new Thread(() -> {
      try {
        Thread.sleep(GREETING_TIMEOUT.toMillis());
        closeQuietly(channel); // a hung agent: the blocked read below ends
      } catch (InterruptedException e) {
        // greeted in time
      }
    }, "sextant-agent-greeting");
    timer.setDaemon(true);
    timer.start();
    try {
      int greeting = AgentWire.input(channel).read();
      timer.interrupt();
      if (greeting != AgentWire.READY) {
        closeQuietly(channel);
        throw unavailable("the Sextant agent at " + place.socket() + " refused this process; running without it");
      }
      trusted = true;
      return channel;
    } catch (IOException e) {
      timer.interrupt();
      closeQuietly(channel);
      HUNG.add(place.socket());
      throw unavailable(hungMessage());
    }
  }

  private String hungMessage() {
    return "the Sextant agent at " + place.socket() + " did not answer within " + GREETING_TIMEOUT.toSeconds()
        + "s; running without it";
  }

  private Unavailable unavailable(String message) {
    if (!warned) {
      warned = true;
      warn.accept("WARNING: " + message);
    }
    return new Unavailable(message);
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}

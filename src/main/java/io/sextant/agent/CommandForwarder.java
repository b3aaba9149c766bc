package io.sextant.agent;

import io.sextant.invocation.Invocation;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A thin client's side of the agent: hands the whole command (argv, working directory, environment, whether it
 * has a terminal, the character sets of its stdout and stderr) to the running agent, writes the output frames to this process's stdout and stderr, sends its
 * standard input when the command reads it and its Ctrl-C (SIGINT, SIGTERM, SIGHUP) as signal frames, and
 * returns the command's exit code. Loads no picocli, YAML or SSH class.
 */
public final class CommandForwarder {
  /** {@link #run}'s answer when the command must run in this process (no agent, refused, interactive, busy). */
  public static final int RUN_LOCALLY = -1;
  private static final String[] SIGNALS = {"INT", "TERM", "HUP"};
  private static final int[] SIGNAL_EXITS = {130, 143, 129};
  /** The in-process cleanup limit after a signal (30 s) plus time for the exit code to arrive. */
  private static final long CLEANUP_GRACE_MILLIS = 35_000;
  private static int signals;

  private CommandForwarder() {}

  /** Runs {@code args} in the agent and returns its exit code, or {@link #RUN_LOCALLY}. */
  public static int run(String[] args) {
    Map<String, String> environment = System.getenv();
    if (!AgentSwitch.thin(Arrays.asList(args), environment) || (args.length > 0 && args[0].equals("agent"))) {
      return RUN_LOCALLY; // agent commands work on the agent itself
    }
    AgentPlace place = AgentPlace.of(environment);
    // Silent: a broken agent (stale, hung, foreign, untrusted) is reported once by the command itself when it
    // connects, as without the thin client, and a command that connects nowhere needs no word about it.
    AgentClient connector = new AgentClient(place, warning -> { });
    SocketChannel channel;
    try {
      channel = connector.open();
    } catch (io.sextant.ssh.WarmSessions.Unavailable e) {
      return RUN_LOCALLY;
    }
    try (channel) {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(AgentWire.output(channel)));
      DataInputStream in = new DataInputStream(new BufferedInputStream(AgentWire.input(channel)));
      out.writeInt(AgentWire.MAGIC);
      out.writeByte(AgentWire.RUN);
      out.writeInt(args.length);
      for (String arg : args) {
        AgentWire.writeString(out, arg);
      }
      AgentWire.writeString(out, Path.of("").toAbsolutePath().toString());
      out.writeInt(environment.size());
      for (Map.Entry<String, String> variable : environment.entrySet()) {
        AgentWire.writeString(out, variable.getKey());
        AgentWire.writeString(out, variable.getValue());
      }
      out.writeBoolean(System.console() != null);
      // what this process's System.out and System.err would encode the command's text with
      AgentWire.writeString(out, Invocation.processCharset(Invocation.Stream.STDOUT).name());
      AgentWire.writeString(out, Invocation.processCharset(Invocation.Stream.STDERR).name());
      out.flush();
      Map<String, SignalHandler> previous = forwardSignals(out);
      int code = relay(in, out);
      if (code == RUN_LOCALLY) {
        previous.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
      }
      return code;
    } catch (IOException e) {
      System.err.println("ERROR: the Sextant agent stopped while the command ran (" + place.socket()
          + "); its outcome is unknown");
      return 1;
    }
  }

  /** Sends a signal frame for each signal this process gets; returns the handlers it replaced. */
  private static Map<String, SignalHandler> forwardSignals(DataOutputStream out) {
    Map<String, SignalHandler> previous = new HashMap<>();
    for (int i = 0; i < SIGNALS.length; i++) {
      int code = SIGNAL_EXITS[i];
      try {
        previous.put(SIGNALS[i], Signal.handle(new Signal(SIGNALS[i]), signal -> send(out, code)));
      } catch (IllegalArgumentException e) {
        // a signal this platform does not let Java handle: it ends this process as usual
      }
    }
    return previous;
  }

  private static void send(DataOutputStream out, int code) {
    synchronized (out) {
      try {
        out.writeByte(AgentWire.SIGNAL);
        out.writeInt(code);
        out.flush();
      } catch (IOException e) {
        // the agent is gone: the relay loop reports it
      }
      // Never a hang on an agent that does not end the command: as in-process, the cleanup of a first signal gets
      // its 30 s (and a little more, for the exit code to arrive); a second signal ends this process at once.
      signals++;
      long grace = signals == 1 ? CLEANUP_GRACE_MILLIS : 1000;
      Thread watchdog = new Thread(() -> {
        try {
          Thread.sleep(grace);
        } catch (InterruptedException e) {
          return;
        }
        Runtime.getRuntime().halt(code);
      }, "sextant-thin-signal-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
    }
  }

  /** Copies the agent's frames to stdout/stderr until the exit code (or the answer to run locally) arrives. */
  private static int relay(DataInputStream in, DataOutputStream out) throws IOException {
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    OutputStream stderr = new FileOutputStream(FileDescriptor.err);
    byte[] buffer = new byte[8192];
    while (true) {
      byte kind = in.readByte();
      switch (kind) {
        case AgentWire.STDOUT, AgentWire.STDERR -> {
          int length = in.readInt();
          OutputStream target = kind == AgentWire.STDOUT ? stdout : stderr;
          while (length > 0) {
            int n = in.read(buffer, 0, Math.min(buffer.length, length));
            if (n < 0) {
              throw AgentWire.ended();
            }
            target.write(buffer, 0, n);
            length -= n;
          }
        }
        case AgentWire.STDIN_WANTED -> sendInput(out);
        case AgentWire.EXIT -> {
          return in.readInt();
        }
        case AgentWire.RUN_LOCALLY -> {
          return RUN_LOCALLY;
        }
        default -> throw new IOException("unexpected frame " + kind);
      }
    }
  }

  /** Streams this process's standard input to the agent, from the moment the command first reads it. */
  private static void sendInput(DataOutputStream out) {
    Thread thread = new Thread(() -> {
      InputStream stdin = new FileInputStream(FileDescriptor.in);
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = stdin.read(buffer)) >= 0; ) {
          if (n > 0) {
            frame(out, Arrays.copyOf(buffer, n));
          }
        }
      } catch (IOException e) {
        // an unreadable stdin ends like an empty one
      }
      frame(out, new byte[0]);
    }, "sextant-thin-stdin");
    thread.setDaemon(true);
    thread.start();
  }

  private static void frame(DataOutputStream out, byte[] bytes) {
    synchronized (out) {
      try {
        out.writeByte(AgentWire.STDIN);
        AgentWire.writeBytes(out, bytes);
        out.flush();
      } catch (IOException e) {
        // the agent is gone: the relay loop reports it
      }
    }
  }
}

package io.sextant.agent;

import io.sextant.invocation.Invocation;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's side of a thin client: runs its whole command in this JVM with the client's working directory and
 * environment ({@link Invocation}), its standard streams bound to the socket (text encoded in the client's character
 * sets), its signals delivered to the
 * command's Ctrl-C handling, and its exit code sent back. One command at a time: the process-wide state a
 * command uses ({@code System.out/err/in}, the current {@link Invocation}) is this JVM's only one, so a second
 * client is told to run its command itself while one runs here.
 */
final class ForwardedCommands {
  private final AgentServer.CommandRunner runner;
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicLong run = new AtomicLong();

  ForwardedCommands(AgentServer.CommandRunner runner) {
    this.runner = runner;
  }

  /** How many commands ran here. */
  long count() {
    return run.get();
  }

  /** Reads a {@link AgentWire#RUN} request and serves it until the command's exit code is sent. */
  void serve(DataInputStream in, DataOutputStream out) throws IOException, InterruptedException {
    String[] args = new String[in.readInt()];
    for (int i = 0; i < args.length; i++) {
      args[i] = AgentWire.readString(in);
    }
    Path workingDir = Path.of(AgentWire.readString(in));
    Map<String, String> environment = new LinkedHashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      environment.put(AgentWire.readString(in), AgentWire.readString(in));
    }
    boolean terminal = in.readBoolean();
    Charset stdoutCharset = charset(AgentWire.readString(in));
    Charset stderrCharset = charset(AgentWire.readString(in));
    if (runner == null || !workingDir.isAbsolute() || !Files.isDirectory(workingDir) || stdoutCharset == null
        || stderrCharset == null || runner.runsLocally(List.of(args), workingDir, environment)
        || !busy.compareAndSet(false, true)) {
      out.writeByte(AgentWire.RUN_LOCALLY);
      out.flush();
      return;
    }
    run.incrementAndGet();
    Frames frames = new Frames(out);
    CountDownLatch done = new CountDownLatch(1);
    Invocation[] entered = new Invocation[1];
    Invocation invocation = Invocation.enter(workingDir, environment,
        new Invocation.Streams(terminal, stdoutCharset, stderrCharset), code -> {
      if (frames.exit(code, entered[0].handedBack())) {
        done.countDown();
      }
    }, frames::commit);
    entered[0] = invocation;
    ClientInput stdin = new ClientInput(frames);
    PrintStream[] own = {System.out, System.err};
    InputStream ownIn = System.in;
    // text in the client's character sets, as its own System.out and System.err would encode it
    PrintStream stdout = new PrintStream(frames.stream(AgentWire.STDOUT), true, stdoutCharset);
    PrintStream stderr = new PrintStream(frames.stream(AgentWire.STDERR), true, stderrCharset);
    System.setOut(stdout);
    System.setErr(stderr);
    System.setIn(stdin);
    Thread command = new Thread(() -> {
      int code = 1;
      try {
        code = runner.run(args);
      } catch (Throwable e) { // as an uncaught exception would end a process: its trace, exit code 1
        e.printStackTrace(stderr);
      } finally {
        stdout.flush();
        stderr.flush();
        invocation.exit(code);
        if (invocation.handedBack()) {
          run.decrementAndGet(); // run by the client after all
        }
        System.setOut(own[0]);
        System.setErr(own[1]);
        System.setIn(ownIn);
        Invocation.leave();
        busy.set(false);
      }
    }, "sextant-agent-command");
    command.setDaemon(true);
    command.start();
    Thread reader = new Thread(() -> readClient(in, stdin, frames, invocation), "sextant-agent-client-input");
    reader.setDaemon(true);
    reader.start();
    done.await();
    if (command.isAlive()) {
      command.interrupt(); // ended by a signal: what still runs stops (blocked channels close on interrupt)
    }
  }

  /** The character set the client named, or {@code null} when this JVM has none by that name. */
  private static Charset charset(String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return null; // the client runs the command itself, in its own encoding
    }
  }

  /** The client's frames after its request: standard input, and signals. Its disconnection counts as SIGHUP. */
  private static void readClient(DataInputStream in, ClientInput stdin, Frames frames, Invocation invocation) {
    try {
      while (true) {
        byte kind = in.readByte();
        if (kind == AgentWire.STDIN) {
          stdin.offer(AgentWire.readBytes(in));
        } else if (kind == AgentWire.SIGNAL) {
          int code = in.readInt();
          Thread signal = new Thread(() -> invocation.signal(code), "sextant-agent-signal");
          signal.setDaemon(true);
          signal.start();
        } else {
          throw new IOException("unexpected frame " + kind);
        }
      }
    } catch (IOException e) {
      stdin.offer(new byte[0]);
      if (!frames.ended()) {
        invocation.signal(129); // the client is gone (killed): the command still running is hung up on
      }
    }
  }

  /**
   * The frames to the client, written whole, nothing after the exit code. Output is held until the command
   * {@link Invocation#commit commits} to run here (its configuration allows the agent), asks for input, or ends.
   */
  private static final class Frames {
    private final DataOutputStream out;
    private final List<Object[]> held = new ArrayList<>();
    private boolean committed;
    private boolean ended;

    Frames(DataOutputStream out) {
      this.out = out;
    }

    synchronized void write(byte kind, byte[] bytes, int offset, int length) throws IOException {
      if (ended) {
        return; // the command was ended by a signal; what it still prints goes nowhere, as after an exit
      }
      if (!committed) {
        held.add(new Object[] {kind, Arrays.copyOfRange(bytes, offset, offset + length)});
        return;
      }
      send(kind, bytes, offset, length);
    }

    private void send(byte kind, byte[] bytes, int offset, int length) throws IOException {
      out.writeByte(kind);
      out.writeInt(length);
      out.write(bytes, offset, length);
      out.flush();
    }

    synchronized void commit() {
      if (committed) {
        return;
      }
      committed = true;
      try {
        for (Object[] frame : held) {
          byte[] bytes = (byte[]) frame[1];
          send((Byte) frame[0], bytes, 0, bytes.length);
        }
      } catch (IOException e) {
        // the client is gone
      }
      held.clear();
    }

    synchronized boolean ended() {
      return ended;
    }

    synchronized void wantInput() {
      commit(); // a prompt must be seen before the answer is read
      try {
        if (!ended) {
          out.writeByte(AgentWire.STDIN_WANTED);
          out.flush();
        }
      } catch (IOException e) {
        // the client is gone: the input ends
      }
    }

    /**
     * Sends the exit code (or, for a command handed back, the answer to run it in the client, its output dropped)
     * unless one was sent; returns whether this call sent it.
     */
    synchronized boolean exit(int code, boolean handedBack) {
      if (ended) {
        return false;
      }
      if (!handedBack) {
        commit();
      }
      ended = true;
      try {
        if (handedBack) {
          out.writeByte(AgentWire.RUN_LOCALLY);
        } else {
          out.writeByte(AgentWire.EXIT);
          out.writeInt(code);
        }
        out.flush();
      } catch (IOException e) {
        // the client is gone
      }
      return true;
    }

    OutputStream stream(byte kind) {
      return new OutputStream() {
        @Override
        public void write(int value) throws IOException {
          write(new byte[] {(byte) value}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          if (length > 0) {
            Frames.this.write(kind, bytes, offset, length);
          }
        }
      };
    }
  }

  /** The client's standard input, asked for when the command first reads it. */
  private static final class ClientInput extends InputStream {
    private final Frames frames;
    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private boolean asked;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    ClientInput(Frames frames) {
      this.frames = frames;
    }

    void offer(byte[] chunk) {
      chunks.add(chunk);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (!asked) {
        asked = true;
        frames.wantInput();
      }
      while (position >= current.length) {
        if (ended) {
          return -1;
        }
        try {
          current = chunks.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while reading the client's input");
        }
        position = 0;
        if (current.length == 0) {
          ended = true;
        }
      }
      int n = Math.min(length, current.length - position);
      System.arraycopy(current, position, buffer, offset, n);
      position += n;
      return n;
    }

    @Override
    public synchronized int available() {
      return current.length - position;
    }
  }

  /**
   * Whether the words (before a {@code --}) ask for a terminal: {@code -i}/{@code --interactive},
   * {@code -f}/{@code --follow}, alone or in a cluster of short options.
   */
  static boolean interactive(List<String> args) {
    int end = args.indexOf("--");
    for (String word : end < 0 ? args : args.subList(0, end)) {
      if (word.equals("--interactive") || word.equals("--follow")) {
        return true;
      }
      if (word.startsWith("-") && !word.startsWith("--") && word.length() > 1
          && word.substring(1).chars().allMatch(Character::isLetter)
          && (word.indexOf('i') > 0 || word.indexOf('f') > 0)) {
        return true; // -i, -f, or a cluster holding one of them (-iq)
      }
    }
    return false;
  }
}

package io.sextant.invocation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The working directory and environment a command runs with. In a {@code sextant} process they are the process's
 * own (and nothing here changes what it does). In the warm agent, which runs a thin client's whole command, they are
 * the client's: the agent's JVM cannot change its own directory or environment, so everything that reads them for
 * the command (relative paths, {@code System.getenv}, child processes, a terminal check, Ctrl-C) asks here.
 * The agent runs one such command at a time, so the current invocation is one per JVM.
 */
public final class Invocation {
  private static volatile Invocation forwarded;
  private static volatile Invocation local;

  private final Path workingDir;
  private final Map<String, String> environment;
  private final Streams streams;
  private final IntConsumer exit;
  private final Runnable commit;
  private final List<IntConsumer> signalHandlers = new ArrayList<>();
  private volatile boolean committed;
  private volatile boolean handedBack;

  private Invocation(Path workingDir, Map<String, String> environment, Streams streams, IntConsumer exit,
      Runnable commit) {
    this.workingDir = workingDir.toAbsolutePath();
    this.environment = Map.copyOf(environment);
    this.streams = streams;
    this.exit = exit;
    this.commit = commit;
  }

  /** The invocation of the command running now: a thin client's in the agent, else this process's own. */
  public static Invocation current() {
    Invocation running = forwarded;
    if (running != null) {
      return running;
    }
    Invocation own = local;
    if (own == null) {
      own = new Invocation(Path.of(""), System.getenv(), Streams.ofProcess(), null, () -> { });
      local = own;
    }
    return own;
  }

  /**
   * A client's invocation, current until {@link #leave}: the agent calls this around the command it runs.
   *
   * @param streams the client's: whether they are a terminal, and the character sets its output is encoded in
   * @param exit ends the client's command with the given exit code (a signal's cleanup ends it this way)
   * @param commit lets the output held so far go to the client ({@link #commit})
   */
  public static Invocation enter(Path workingDir, Map<String, String> environment, Streams streams,
      IntConsumer exit, Runnable commit) {
    Invocation invocation = new Invocation(workingDir, environment, Objects.requireNonNull(streams),
        Objects.requireNonNull(exit), Objects.requireNonNull(commit));
    forwarded = invocation;
    return invocation;
  }

  /** Ends the client's invocation: this process's own is current again. */
  public static void leave() {
    forwarded = null;
  }

  /**
   * The command will run here: a forwarded command's output, held until now, goes to the client. It is held
   * until the configuration says the agent may be used at all ({@link #handBack}).
   */
  public void commit() {
    if (!committed) {
      committed = true;
      commit.run();
    }
  }

  /**
   * The configuration keeps this project off the agent ({@code x-agent: false}): a forwarded command, which has
   * done nothing yet but load it, is handed back to the client to run in its own process (its output so far is
   * dropped); ends the command with {@link HandedBack}. Does nothing for a local command or one already committed.
   */
  public void handBack() {
    if (isForwarded() && !committed) {
      handedBack = true;
      throw new HandedBack();
    }
  }

  /** Whether {@link #handBack} was called: the client must run the command itself. */
  public boolean handedBack() {
    return handedBack;
  }

  /** Ends a forwarded command that its client must run instead (see {@link #handBack}). */
  public static final class HandedBack extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HandedBack() {
      super("the command runs in the client", null, false, false);
    }
  }

  /** Whether this command was forwarded by a thin client (it runs in the agent). */
  public boolean isForwarded() {
    return exit != null;
  }

  public Path workingDir() {
    return workingDir;
  }

  public Map<String, String> environment() {
    return environment;
  }

  /** Whether standard input and output are a terminal ({@code System.console() != null} of the client). */
  public boolean terminal() {
    return streams.terminal();
  }

  /** The command's standard streams: the client's when the agent runs it, else this process's own. */
  public Streams streams() {
    return streams;
  }

  /** A process's standard output or error. */
  public enum Stream {
    STDOUT("stdout"),
    STDERR("stderr");

    private final String property;

    Stream(String property) {
      this.property = property;
    }
  }

  /**
   * The character set this JVM's {@code System.out} (or {@code System.err}) encodes text in: {@code stdout.encoding}
   * (Java 19 and later set it always, from the locale), else {@code sun.stdout.encoding} (Java 17 sets it when the
   * stream is a terminal), else the default character set (Java 17: the locale's, {@code native.encoding}, unless
   * {@code file.encoding} says otherwise).
   */
  public static Charset processCharset(Stream stream) {
    String name = System.getProperty(stream.property + ".encoding");
    if (name == null) {
      name = System.getProperty("sun." + stream.property + ".encoding");
    }
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset(); // what the JVM itself falls back to for a name it does not know
    }
  }

  /**
   * What a command's standard streams are.
   *
   * @param terminal whether standard input and output are a terminal
   * @param stdout the character set text written to standard output is encoded in
   * @param stderr the same for standard error
   */
  public record Streams(boolean terminal, Charset stdout, Charset stderr) {
    public Streams {
      Objects.requireNonNull(stdout, "stdout");
      Objects.requireNonNull(stderr, "stderr");
    }

    /** This process's own streams. */
    public static Streams ofProcess() {
      return new Streams(System.console() != null, processCharset(Stream.STDOUT), processCharset(Stream.STDERR));
    }
  }

  /**
   * A path as the command means it: a relative one against the command's working directory when the agent runs
   * it, left relative (to this process's own directory, the same one) otherwise, so that messages stay the same.
   */
  public Path path(String path) {
    return isForwarded() ? workingDir.resolve(path) : Path.of(path);
  }

  /**
   * Gives {@code builder} the command's directory (unless it has one) and environment, for a child process that
   * would otherwise inherit the process's; a local invocation leaves it untouched.
   */
  public ProcessBuilder prepare(ProcessBuilder builder) {
    if (isForwarded()) {
      if (builder.directory() == null) {
        builder.directory(workingDir.toFile());
      }
      builder.environment().clear();
      builder.environment().putAll(environment);
    }
    return builder;
  }

  /**
   * Starts {@code builder}'s process. Locally, streams redirected with {@code INHERIT} are this process's own; for
   * a forwarded command they are the client's, reached through {@code System.in/out/err} (bound to the client by
   * the agent): they are piped and copied, and waiting for the process also waits for its output to be copied.
   */
  public Process start(ProcessBuilder builder) throws IOException {
    if (!isForwarded()) {
      return builder.start();
    }
    lookUp(builder);
    boolean in = builder.redirectInput() == ProcessBuilder.Redirect.INHERIT;
    boolean out = builder.redirectOutput() == ProcessBuilder.Redirect.INHERIT;
    boolean err = builder.redirectError() == ProcessBuilder.Redirect.INHERIT;
    if (in) {
      builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    }
    if (out) {
      builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
    }
    if (err) {
      builder.redirectError(ProcessBuilder.Redirect.PIPE);
    }
    Process process = builder.start();
    List<Thread> copies = new ArrayList<>();
    if (in) {
      copy(System.in, process.getOutputStream(), true, "stdin"); // not waited for: the child may not read it
    }
    if (out) {
      copies.add(copy(process.getInputStream(), System.out, false, "stdout"));
    }
    if (err) {
      copies.add(copy(process.getErrorStream(), System.err, false, "stderr"));
    }
    return copies.isEmpty() ? process : new CopiedProcess(process, copies);
  }

  /**
   * A program named without a slash is looked up on the child's {@code PATH} (the client's), not on this JVM's,
   * which is what {@link ProcessBuilder} would search.
   */
  private static void lookUp(ProcessBuilder builder) {
    List<String> command = builder.command();
    if (command.isEmpty() || command.get(0).contains("/")) {
      return;
    }
    String path = builder.environment().getOrDefault("PATH", "");
    for (String dir : path.split(":")) {
      if (!dir.startsWith("/")) {
        continue; // a relative PATH entry: rare, and relative to a directory this JVM is not in
      }
      Path candidate = Path.of(dir, command.get(0));
      if (java.nio.file.Files.isExecutable(candidate) && !java.nio.file.Files.isDirectory(candidate)) {
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, candidate.toString());
        builder.command(resolved);
        return;
      }
    }
  }

  private static Thread copy(InputStream from, OutputStream to, boolean closeTarget, String name) {
    PrintStream flushing = to instanceof PrintStream print ? print : null;
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = from.read(buffer)) >= 0; ) {
          to.write(buffer, 0, n);
          to.flush();
        }
      } catch (IOException e) {
        // the process or the client went away
      } finally {
        if (closeTarget) {
          try {
            to.close();
          } catch (IOException e) {
            // already closed
          }
        } else if (flushing != null) {
          flushing.flush();
        }
      }
    }, "sextant-child-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Registers what a Ctrl-C (or SIGTERM, SIGHUP) of the client does to this command; returns {@code false} for a
   * local invocation, whose caller installs its own signal handlers.
   */
  public boolean onSignal(IntConsumer handler) {
    if (!isForwarded()) {
      return false;
    }
    synchronized (signalHandlers) {
      signalHandlers.add(handler);
    }
    return true;
  }

  /**
   * The client forwarded a signal: the registered handlers run (their cleanup ends the command); without one, the
   * command ends at once with {@code code}, as a process without handlers would.
   */
  public void signal(int code) {
    List<IntConsumer> handlers;
    synchronized (signalHandlers) {
      handlers = List.copyOf(signalHandlers);
    }
    if (handlers.isEmpty()) {
      exit(code);
    }
    handlers.forEach(handler -> handler.accept(code));
  }

  /** Ends the command with {@code code} ({@code System.exit} for a local one). */
  public void exit(int code) {
    if (exit == null) {
      System.exit(code);
    } else {
      exit.accept(code);
    }
  }

  /** A process whose {@code waitFor} also waits until its output has been copied to the client. */
  private static final class CopiedProcess extends Process {
    private final Process process;
    private final List<Thread> copies;

    CopiedProcess(Process process, List<Thread> copies) {
      this.process = process;
      this.copies = copies;
    }

    @Override
    public OutputStream getOutputStream() {
      return process.getOutputStream();
    }

    @Override
    public InputStream getInputStream() {
      return process.getInputStream();
    }

    @Override
    public InputStream getErrorStream() {
      return process.getErrorStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
      int code = process.waitFor();
      for (Thread copy : copies) {
        copy.join();
      }
      return code;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
      if (!process.waitFor(timeout, unit)) {
        return false;
      }
      for (Thread copy : copies) {
        copy.join(1000);
      }
      return true;
    }

    @Override
    public int exitValue() {
      return process.exitValue();
    }

    @Override
    public void destroy() {
      process.destroy();
    }

    @Override
    public Process destroyForcibly() {
      process.destroyForcibly();
      return this;
    }

    @Override
    public boolean isAlive() {
      return process.isAlive();
    }

    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public ProcessHandle toHandle() {
      return process.toHandle();
    }
  }
}

package io.sextant.hooks;

import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One running hook script. It is started as {@code setsid -w -f SCRIPT}: the script leads a new process group (so
 * a timeout or Ctrl-C can stop everything it started with one {@code kill -- -PGID}) and {@code setsid} reports a
 * death by signal as {@code exit N} plus a line on stderr, which is how a signal is told apart from a plain
 * {@code exit 137} (Java itself only reports 128+N). Stdin is {@code /dev/null}; stdout and stderr are merged and
 * read line by line as they come. We wait for the process to exit, never for the pipe to close: a background child
 * may keep the pipe open for ever.
 */
final class HookProcess {
  private static final int TAIL_LINES = 40;
  private static final int MAX_LINE = 2000;
  private static final Duration DRAIN = Duration.ofMillis(300);
  private static final Pattern SETSID_SIGNAL = Pattern.compile("^setsid: child (\\d+) did not exit normally(:.*)?$");

  private final Path script;
  private final Process process;
  private final Instant start;
  private final long startNanos = System.nanoTime();
  private final Deque<String> tail = new ArrayDeque<>();
  private final Thread reader;
  private volatile boolean detached;
  private volatile boolean signalReported;
  private volatile long groupId = -1;
  private volatile boolean terminated;
  private final boolean grouped;

  private HookProcess(Path script, Process process, Instant start, Consumer<String> lines, boolean grouped) {
    this.script = script;
    this.grouped = grouped;
    this.process = process;
    this.start = start;
    this.reader = new Thread(() -> read(lines), "hook-output-" + script.getFileName());
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /** Whether {@code setsid} (util-linux) is on the PATH; without it hooks run without their own group. */
  static final boolean SETSID_AVAILABLE = onPath("setsid");

  /** Starts the script; the environment map replaces the inherited one entirely. */
  static HookProcess start(Path script, Map<String, String> environment, Path workingDirectory,
      Consumer<String> lines) {
    return start(script, environment, workingDirectory, lines, SETSID_AVAILABLE);
  }

  /**
   * As above; {@code grouped = false} runs the script directly (systems without {@code setsid}): a timeout then
   * stops the script and its descendants one by one, and a death by signal reads as exit code 128+N.
   */
  static HookProcess start(Path script, Map<String, String> environment, Path workingDirectory,
      Consumer<String> lines, boolean grouped) {
    List<String> command = grouped ? List.of("setsid", "-w", "-f", script.toString()) : List.of(script.toString());
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workingDirectory.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    Instant start = Instant.now();
    try {
      return new HookProcess(script, builder.start(), start, lines, grouped);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start hook " + script + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits for the script to end. With a timeout, on expiry its process group gets SIGTERM, then SIGKILL after
   * {@code grace}. {@code tick} is called every {@code tickInterval} while it runs (with the elapsed millis).
   */
  HookScriptResult await(Duration timeout, Duration grace, Duration tickInterval, LongConsumer tick)
      throws InterruptedException {
    // Found now, while setsid still runs: if a Ctrl-C kills only setsid, the script is reparented and could not be
    // found any more, and would outlive Sextant (it costs a /proc look-up per hook run).
    discoverGroup();
    long deadline = timeout == null ? Long.MAX_VALUE : startNanos + timeout.toNanos();
    long nextTick = tickInterval == null ? Long.MAX_VALUE : startNanos + tickInterval.toNanos();
    boolean timedOut = false;
    while (process.isAlive()) {
      long now = System.nanoTime();
      if (now >= deadline) {
        timedOut = true;
        stopGroup(grace);
        break;
      }
      if (now >= nextTick) {
        tick.accept((now - startNanos) / 1_000_000);
        nextTick += tickInterval.toNanos();
      }
      long waitNanos = Math.min(deadline, nextTick) - now;
      process.waitFor(Math.max(1, Math.min(waitNanos, TimeUnit.SECONDS.toNanos(1))), TimeUnit.NANOSECONDS);
    }
    int wrapperExit = process.waitFor();
    boolean orphaned = !terminated && groupId > 0 && leaderAlive();
    if (orphaned) {
      // setsid died before the script (Ctrl-C reached Sextant's own process group): stop the script as well
      stopGroup(grace);
    }
    reader.join(DRAIN.toMillis());
    detached = true;
    Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
    List<String> lines;
    synchronized (tail) {
      lines = new ArrayList<>(tail);
    }
    if (signalReported) {
      return new HookScriptResult(script, start, duration, null, wrapperExit & 0x7f, timedOut, lines);
    }
    if ((orphaned || terminated) && wrapperExit > 128) {
      // no report from setsid: it was itself killed (or absent); Java gives 128+N for a death by signal N
      return new HookScriptResult(script, start, duration, null, wrapperExit - 128, timedOut, lines);
    }
    return new HookScriptResult(script, start, duration, wrapperExit, null, timedOut, lines);
  }

  /** Stops the script's whole process group: SIGTERM, then SIGKILL after {@code grace}. Safe to call twice. */
  void stopGroup(Duration grace) throws InterruptedException {
    terminated = true;
    discoverGroup(); // no-op once found
    List<ProcessHandle> descendants = grouped ? List.of() : process.descendants().toList();
    if (groupId > 0) {
      signalGroup("TERM");
    } else {
      process.destroy();
      descendants.forEach(ProcessHandle::destroy);
    }
    if (!waitGone(grace)) {
      if (groupId > 0) {
        signalGroup("KILL");
      }
      descendants.forEach(ProcessHandle::destroyForcibly);
      // setsid exits by itself once the script is dead (and reaps it); kill it only if it does not
      if (!waitGone(grace)) {
        process.destroyForcibly();
        waitGone(grace);
      }
    } else if (groupId > 0) {
      // the script is gone; its forked children in the group must not outlive the timeout either
      signalGroup("KILL");
    } else {
      descendants.forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** Waits until both setsid and the script are gone; false if they are still there after {@code limit}. */
  private boolean waitGone(Duration limit) throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    while (groupId > 0 && leaderAlive()) {
      if (System.nanoTime() >= until) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** Whether the script (the group leader) still runs; a zombie waiting to be reaped counts as gone. */
  private boolean leaderAlive() {
    Path stat = Path.of("/proc", Long.toString(groupId), "stat");
    try {
      String text = Files.readString(stat);
      char state = text.charAt(text.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return !Files.isDirectory(Path.of("/proc")) && ProcessHandle.of(groupId).map(ProcessHandle::isAlive)
          .orElse(false);
    }
  }

  /**
   * The forked child of {@code setsid} is the script; it called setsid() so its pid is the group id. Looked up
   * while {@code setsid -w} runs (see {@link #await}).
   */
  private void discoverGroup() throws InterruptedException {
    if (!grouped) {
      return;
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (groupId < 0 && process.isAlive() && System.nanoTime() < until) {
      groupId = firstChild(process.pid());
      if (groupId < 0) {
        Thread.sleep(0, 200_000); // setsid forks right away: poll briefly
      }
    }
  }

  /**
   * The first child of {@code pid}, or -1. Linux lists a thread's children in one small file; the portable
   * {@link ProcessHandle#children()} reads the stat file of every process on the machine (a few ms per hook on a
   * busy host), so it is only the fallback.
   */
  private long firstChild(long pid) {
    Path children = Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children");
    try {
      String listed = Files.readString(children).strip();
      if (!listed.isEmpty()) {
        return Long.parseLong(listed.split(" ")[0]);
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return process.toHandle().children().findFirst().map(ProcessHandle::pid).orElse(-1L);
    }
  }

  private void signalGroup(String signal) throws InterruptedException {
    String kill = Files.isExecutable(Path.of("/bin/kill")) ? "/bin/kill" : "kill";
    try {
      Process killer = new ProcessBuilder(kill, "-s", signal, "--", "-" + groupId)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      killer.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      process.destroyForcibly();
    }
  }

  private void read(Consumer<String> lines) {
    try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      char[] buffer = new char[8192];
      int count;
      while ((count = in.read(buffer)) >= 0) {
        for (int i = 0; i < count; i++) {
          char c = buffer[i];
          if (c == '\n') {
            accept(line, lines);
          } else if (line.length() >= MAX_LINE) {
            // a very long line (or binary output) is cut into pieces, never buffered without bound
            line.append('…');
            accept(line, lines);
            line.append(c);
          } else {
            line.append(c);
          }
        }
      }
      if (line.length() > 0) {
        accept(line, lines);
      }
    } catch (IOException e) {
      // the pipe was closed under us after the script ended; nothing more to show
    }
  }

  private void accept(StringBuilder buffer, Consumer<String> lines) {
    int end = buffer.length();
    if (end > 0 && buffer.charAt(end - 1) == '\r') {
      end--;
    }
    String line = buffer.substring(0, end);
    buffer.setLength(0);
    Matcher marker = SETSID_SIGNAL.matcher(line);
    if (grouped && marker.matches() && (groupId < 0 || Long.parseLong(marker.group(1)) == groupId)) {
      signalReported = true;
      return;
    }
    synchronized (tail) {
      tail.addLast(line);
      if (tail.size() > TAIL_LINES) {
        tail.removeFirst();
      }
    }
    if (!detached) {
      lines.accept(line);
    }
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}

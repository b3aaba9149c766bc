package io.sextant.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The one place that decides how launcher runs in integration tests meet the warm agent (issue 20). By default they
 * run as users do (the agent on: the first command that connects starts it, the next ones run in it behind the thin
 * client), in an agent directory of this test JVM's own, so independent runs (other worktrees, CI as root without
 * {@code XDG_RUNTIME_DIR}) never share an agent, and the user's own agent is never touched.
 * {@code -Dsextant.it.agent=off} runs the whole suite on the cold path, {@code channels} with only the SSH channels
 * in the agent; the {@code *ColdIT} and {@code *ChannelsIT} twins run their class that way in every run. Every agent
 * started here is stopped after each test class ({@link AgentTeardown}).
 */
public final class AgentMode {
  /**
   * System property: {@code on} (the default: whole commands in the agent, behind the thin client; {@code thin} says
   * the same), {@code off}, or {@code channels} (only the SSH channels in the agent).
   */
  public static final String PROPERTY = "sextant.it.agent";
  private static Path dir;

  private AgentMode() {}

  /**
   * Puts the mode into a launcher's {@code environment} (in place): the caller's own agent settings removed, this
   * JVM's agent directory, and {@link #switchValue()}'s {@code SEXTANT_AGENT} when the suite does not run as users do.
   */
  public static Map<String, String> apply(Map<String, String> environment) {
    environment.keySet().removeIf(name -> name.startsWith("SEXTANT_AGENT") || name.equals("XDG_RUNTIME_DIR"));
    environment.put("SEXTANT_AGENT_DIR", dir().toString());
    String value = switchValue();
    if (value != null) {
      environment.put("SEXTANT_AGENT", value);
    }
    return environment;
  }

  /** Whether launcher runs use the agent (the default), not the cold path for the whole suite. */
  public static boolean on() {
    return !"off".equals(mode());
  }

  /** The suite's {@code SEXTANT_AGENT}: {@code null} (unset: the default), {@code 0} or {@code channels}. */
  public static String switchValue() {
    return switch (mode()) {
      case "off" -> "0";
      case "channels" -> "channels";
      case "on", "thin" -> null;
      default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + mode() + ": expected on, off or channels");
    };
  }

  private static String mode() {
    return System.getProperty(PROPERTY, "on");
  }

  /** This test JVM's agent directory (0700, short enough for a UNIX socket path), created on first use. */
  public static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory(Path.of("/tmp"), "sextant-it-agent-"); // 0700
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  /** Stops the agents launcher runs started in this JVM's directory, if any, and removes it (the next is new). */
  static synchronized void stopAll() throws IOException, InterruptedException {
    if (dir != null) {
      stop(dir);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
      dir = null;
    }
  }

  /**
   * Stops every agent of {@code agentDir} ({@code sextant agent stop}, which also stops an agent still booting on
   * its next try) and waits until no agent process a command started there is alive; fails after a minute.
   */
  public static void stop(Path agentDir) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<Long> alive = agentPids(agentDir).stream()
          .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
      if (alive.isEmpty()) {
        return;
      }
      ProcessBuilder builder = new ProcessBuilder(launcher().toString(), "agent", "stop")
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put("SEXTANT_AGENT_DIR", agentDir.toString());
      Process stop = builder.start();
      if (!stop.waitFor(60, TimeUnit.SECONDS) || stop.exitValue() != 0) {
        stop.destroyForcibly();
        throw new AssertionError("sextant agent stop failed in " + agentDir);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("agent process(es) " + alive + " still running after agent stop in " + agentDir);
      }
      Thread.sleep(300);
    }
  }

  /** The pids of the agents commands started in {@code agentDir} (written by the starter, one file per build). */
  public static List<Long> agentPids(Path agentDir) throws IOException {
    List<Long> pids = new ArrayList<>();
    if (Files.isDirectory(agentDir)) {
      try (Stream<Path> files = Files.list(agentDir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
          pids.add(Long.parseLong(Files.readString(file).strip()));
        }
      }
    }
    return pids;
  }

  private static Path launcher() {
    return Path.of(System.getProperty("sextant.root", ".")).toAbsolutePath().resolve("bin/sextant");
  }
}

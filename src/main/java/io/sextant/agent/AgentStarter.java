package io.sextant.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts this user's agent in the background through the launcher ({@code sextant agent serve}), detached from
 * the terminal ({@code setsid}: Ctrl-C in the shell does not reach it), from the command's output (a command
 * captured with {@code $(...)} must not wait for it) and from the command's process (not its child). It gets only the environment it needs: whatever else the
 * command had (exported secrets among it) stays out of the long-lived process.
 */
public final class AgentStarter {
  private static final Set<String> KEPT = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "JAVA_HOME",
      "TMPDIR", "XDG_RUNTIME_DIR", "XDG_CACHE_HOME", "SEXTANT_JAR", "SEXTANT_JAVA_OPTS", "SEXTANT_CDS",
      AgentPlace.DIR_ENV, AgentPlace.IDLE_ENV);

  private AgentStarter() {}

  /**
   * Starts the agent unless the launcher is unknown (a run inside tests' own JVM); returns whether it tried.
   * A second agent of the same build finds the place locked and exits at once.
   */
  public static boolean start(AgentPlace place, Map<String, String> environment) throws IOException {
    String launcher = System.getProperty("sextant.launcher");
    if (launcher == null || launcher.isBlank()) {
      return false;
    }
    place.create();
    // Through a shell that starts the agent in the background, prints its pid and exits: a child this JVM still
    // waited for at exit would hold its process reaper thread in native code, and HotSpot waits up to 300 ms for
    // such threads before it exits (measured: the first command of a cold start took that much longer). The
    // background job leads no process group (no job control), so setsid does not fork and $! is the agent's pid
    // (setsid, env and the launcher exec).
    // A background job of a non-interactive shell starts with SIGINT and SIGQUIT ignored, and so would every hook the
    // agent runs later (a hook cannot trap a signal ignored on entry): env --default-signal (coreutils 8.31+) gives
    // the agent, and so its children, the default handling a command run from a terminal has; SIGHUP too, for an
    // agent first started by a nohup'd command.
    ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c",
        "d=; if env --default-signal=INT true 2>/dev/null; then d='env --default-signal=HUP,INT,QUIT'; fi; "
            + "setsid $d \"$0\" agent serve </dev/null >/dev/null 2>&1 & echo $!", launcher))
        .directory(place.dir().toFile()) // not the project: it may be deleted while the agent runs
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().clear();
    environment.forEach((name, value) -> {
      if (KEPT.contains(name)) {
        builder.environment().put(name, value);
      }
    });
    builder.environment().put(AgentPlace.DIR_ENV, place.dir().toString());
    Process starter = builder.start(); // the agent it starts outlives this command
    String pid = new String(starter.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
        .strip();
    try {
      starter.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!pid.matches("\\d+")) {
      throw new IOException("the agent could not be started: " + launcher);
    }
    Files.writeString(place.pidFile(), pid + "\n");
    return true;
  }
}

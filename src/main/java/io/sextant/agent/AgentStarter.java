package io.sextant.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts this user's agent in the background through the launcher ({@code sextant agent serve}), detached from
 * the terminal ({@code setsid}: Ctrl-C in the shell does not reach it) and from the command's output (a command
 * captured with {@code $(...)} must not wait for it). It gets only the environment it needs: whatever else the
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
    // setsid without -f: a child of the JVM leads no process group, so setsid does not fork and the pid recorded
    // below is the agent's own (the launcher execs java)
    ProcessBuilder builder = new ProcessBuilder(List.of("setsid", launcher, "agent", "serve"))
        .directory(place.dir().toFile()) // not the project: it may be deleted while the agent runs
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().clear();
    environment.forEach((name, value) -> {
      if (KEPT.contains(name)) {
        builder.environment().put(name, value);
      }
    });
    builder.environment().put(AgentPlace.DIR_ENV, place.dir().toString());
    Process agent = builder.start(); // nobody waits for it: it outlives this command
    Files.writeString(place.pidFile(), agent.pid() + "\n");
    return true;
  }
}

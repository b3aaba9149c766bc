package io.sextant.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The proof a {@code *ColdIT} twin gives that its commands ran on the cold path ({@code SEXTANT_AGENT=0}): a command
 * with the agent on starts one as it ends (or uses the running one), which leaves its socket, lock and pid file
 * ({@code agent-BUILD.sock|.lock|.pid}) in {@link AgentMode#dir()}; a cold command leaves none. A twin that silently
 * used the agent therefore fails here instead of passing as a second warm run.
 */
public final class ColdPath {
  private ColdPath() {}

  /** Fails when any agent file is in this JVM's agent directory (the twin's commands ran through an agent). */
  public static void assertNoAgentRan() throws IOException {
    Path dir = AgentMode.dir();
    List<String> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("agent-")).sorted()
          .toList();
    }
    if (!files.isEmpty()) {
      throw new AssertionError("a command of this cold twin used the warm agent: " + files + " in " + dir
          + " (agent pids " + AgentMode.agentPids(dir) + ")");
    }
  }
}

package io.sextant.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Where this user's Sextant agent listens: a directory only the user can enter ({@code SEXTANT_AGENT_DIR}, else
 * {@code $XDG_RUNTIME_DIR/sextant}, else {@code ~/.sextant/agent}), holding one socket and one lock file per
 * build of Sextant (named after the jar's path, size and time), so that a new build never talks to an agent of
 * an older one: that one just idles out.
 *
 * @param dir the 0700 directory
 * @param socket the UNIX domain socket the agent listens on
 * @param lock the file the running agent holds locked (one agent per build and directory)
 */
public record AgentPlace(Path dir, Path socket, Path lock) {
  public static final String DIR_ENV = "SEXTANT_AGENT_DIR";
  /** Seconds without a command before the agent stops (default {@link #DEFAULT_IDLE_SECONDS}). */
  public static final String IDLE_ENV = "SEXTANT_AGENT_IDLE";
  public static final long DEFAULT_IDLE_SECONDS = 300;

  /** The place for this build, from the environment (nothing is created or checked yet). */
  public static AgentPlace of(Map<String, String> environment) {
    Path dir;
    String configured = environment.get(DIR_ENV);
    String runtime = environment.get("XDG_RUNTIME_DIR");
    if (configured != null && !configured.isBlank()) {
      dir = Path.of(configured);
    } else if (runtime != null && !runtime.isBlank()) {
      dir = Path.of(runtime, "sextant");
    } else {
      String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
      dir = Path.of(home, ".sextant", "agent");
    }
    String build = buildId();
    dir = dir.toAbsolutePath();
    return new AgentPlace(dir, dir.resolve("agent-" + build + ".sock"), dir.resolve("agent-" + build + ".lock"));
  }

  /** The idle time before the agent stops, in seconds (the environment's, else five minutes). */
  public static long idleSeconds(Map<String, String> environment) {
    String value = environment.get(IDLE_ENV);
    if (value == null || value.isBlank()) {
      return DEFAULT_IDLE_SECONDS;
    }
    try {
      long seconds = Long.parseLong(value.strip());
      if (seconds > 0) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(IDLE_ENV + "=" + value + ": expected a whole number of seconds above 0");
  }

  /**
   * This place and those of every other build's agent in the same directory (e.g. the agent of the jar before the
   * last rebuild, still idling), for {@code agent stop}.
   */
  public java.util.List<AgentPlace> everyBuild() {
    java.util.List<AgentPlace> places = new java.util.ArrayList<>(java.util.List.of(this));
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      files.map(Path::getFileName).map(Path::toString)
          .filter(name -> name.startsWith("agent-") && name.endsWith(".sock") && !dir.resolve(name).equals(socket))
          .sorted()
          .forEach(name -> places.add(new AgentPlace(dir, dir.resolve(name),
              dir.resolve(name.replace(".sock", ".lock")))));
    } catch (IOException e) {
      // no directory: only this build's place, which answers nothing
    }
    return places;
  }

  /** Where the pid of the last agent started from a command is written (it may still be starting). */
  public Path pidFile() {
    return lock.resolveSibling(lock.getFileName().toString().replace(".lock", ".pid"));
  }

  /** Creates the directory (0700) if needed. */
  public void create() throws IOException {
    Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rwx------");
    if (!Files.isDirectory(dir)) {
      Path parent = dir.getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(owner));
      }
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(owner));
    }
  }

  /**
   * Why this directory cannot be trusted (owned by someone else, or open to others), or {@code null} when it is
   * this user's alone. An agent found in an untrusted directory is never used.
   */
  public String untrusted() {
    try {
      String owner = Files.getOwner(dir).getName();
      if (!owner.equals(System.getProperty("user.name"))) {
        return dir + " belongs to " + owner + ", not to " + System.getProperty("user.name");
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
      if (!PosixFilePermissions.fromString("rwx------").containsAll(permissions)) {
        return dir + " is open to other users (" + PosixFilePermissions.toString(permissions) + "; expected rwx------)";
      }
      return null;
    } catch (IOException e) {
      return dir + ": " + e.getMessage();
    }
  }

  /** A short name for this build: the jar's path, size and modification time (a class folder: its path). */
  static String buildId() {
    String identity;
    try {
      Path code = Path.of(AgentPlace.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      identity = code + ":" + (Files.isRegularFile(code) ? Files.size(code) + ":" + Files.getLastModifiedTime(code)
          .toMillis() : "classes");
    } catch (Exception e) {
      identity = "unknown";
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

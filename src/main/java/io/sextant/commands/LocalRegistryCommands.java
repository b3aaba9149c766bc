package io.sextant.commands;

import java.util.List;

/**
 * The local registry's container on this machine, for {@code registry: server: localhost:PORT} (Kamal's
 * {@code registry setup} and {@code remove}:
 * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/registry.rb#L20-L33). It publishes the
 * registry on this machine's loopback only; the hosts reach it through an SSH remote port forward of the same
 * port.
 *
 * @param port the {@code PORT} of {@code localhost:PORT}
 */
public record LocalRegistryCommands(int port) {
  /** Kamal's container name: a registry set up by Kamal is the same container, and the other way round. */
  public static final String CONTAINER = "kamal-docker-registry";
  /** The image Kamal 2.12 runs. */
  public static final String IMAGE = "registry:3";

  /** Starts the container left by an earlier set-up. */
  public List<String> start() {
    return List.of("docker", "start", CONTAINER);
  }

  /** Creates and starts the container, when {@link #start()} found none. */
  public List<String> run() {
    return List.of("docker", "run", "--detach", "-p", "127.0.0.1:" + port + ":5000", "--name", CONTAINER, IMAGE);
  }

  /** Kamal's set-up line: {@link #start()}, else {@link #run()}. */
  public String setup() {
    return Shell.join(start()) + " || " + Shell.join(run());
  }

  public static List<String> stop() {
    return List.of("docker", "stop", CONTAINER);
  }

  public static List<String> rm() {
    return List.of("docker", "rm", CONTAINER);
  }

  /** Kamal's removal line: {@link #stop()}, then {@link #rm()}. */
  public static String remove() {
    return Shell.join(stop()) + " && " + Shell.join(rm());
  }
}

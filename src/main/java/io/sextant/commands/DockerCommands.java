package io.sextant.commands;

import java.util.List;

/** Checks and set-up of Docker itself, on hosts (shell strings) and on the local machine (argv). */
public final class DockerCommands {
  /** The Docker network every app container joins (Kamal's name, so both tools share it). */
  public static final String NETWORK = "kamal";

  private DockerCommands() {}

  /** Fails when the Docker client is not installed on the host. */
  public static String installed() {
    return "docker -v";
  }

  /** Fails when the Docker daemon is not running (or not reachable) on the host. */
  public static String running() {
    return "docker version";
  }

  /** Succeeds when the SSH user could install Docker (root, or sudo/su available). */
  public static String superuser() {
    return "[ \"${EUID:-$(id -u)}\" -eq 0 ] || command -v sudo >/dev/null || command -v su >/dev/null";
  }

  /**
   * Installs Docker with the convenience script of get.docker.com (Kamal's {@code docker install}); needs root,
   * and curl or wget.
   */
  public static String install() {
    return "sh -c " + Shell.quote("curl -fsSL https://get.docker.com || wget -O - https://get.docker.com || echo \"exit 1\"")
        + " | sh";
  }

  /** The run directory every Kamal command expects on a host ({@code ~/.kamal}). */
  public static String ensureRunDirectory() {
    return "mkdir -p .kamal";
  }

  public static String createNetwork() {
    return "docker network create " + NETWORK;
  }

  /** Creates the {@value #NETWORK} network unless it exists: safe to run before every boot. */
  public static String ensureNetwork() {
    return "docker network inspect " + NETWORK + " >/dev/null 2>&1 || " + createNetwork();
  }

  /** Local: fails when the {@code docker} CLI is missing. */
  public static List<String> localInstalled() {
    return List.of("docker", "--version");
  }

  /** Local: prints the local daemon's architecture ({@code x86_64}, {@code aarch64}, …). */
  public static List<String> localArchitecture() {
    return List.of("docker", "info", "--format", "{{.Architecture}}");
  }

  /** Docker's name for an architecture as {@code uname -m} or {@code docker info} gives it (Kamal's mapping). */
  public static String dockerArch(String machine) {
    String arch = machine.strip();
    if (arch.contains("aarch64")) {
      return "arm64";
    }
    if (arch.contains("x86_64")) {
      return "amd64";
    }
    return arch;
  }
}

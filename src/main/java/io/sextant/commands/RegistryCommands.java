package io.sextant.commands;

import io.sextant.config.RegistryConfig;
import io.sextant.config.Secrets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker login}/{@code logout} for the configured registry. The password is never part of a command:
 * it is given on stdin ({@code --password-stdin}) by whoever runs the command.
 *
 * @param server registry host (and port); {@code null} or empty = Docker Hub
 * @param username the registry user
 */
public record RegistryCommands(String server, String username) {

  /**
   * The login commands for {@code registry:}, or empty when there is nothing to log in to (no username: a local
   * {@code localhost:PORT} registry or none configured).
   */
  public static java.util.Optional<RegistryCommands> of(RegistryConfig registry, Secrets secrets) {
    if (registry == null || registry.username() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new RegistryCommands(registry.server(), registry.username().resolve(secrets)));
  }

  /** Remote: log in; feed the password on stdin. */
  public String login() {
    return Shell.join(localLogin());
  }

  /** Remote: log out. */
  public String logout() {
    return Shell.join(localLogout());
  }

  /** Local argv of {@link #login()}. */
  public List<String> localLogin() {
    List<String> argv = new ArrayList<>(List.of("docker", "login"));
    if (hasServer()) {
      argv.add(server);
    }
    argv.addAll(List.of("-u", username, "--password-stdin"));
    return argv;
  }

  /** Local argv of {@link #logout()}. */
  public List<String> localLogout() {
    List<String> argv = new ArrayList<>(List.of("docker", "logout"));
    if (hasServer()) {
      argv.add(server);
    }
    return argv;
  }

  private boolean hasServer() {
    return server != null && !server.isEmpty();
  }
}

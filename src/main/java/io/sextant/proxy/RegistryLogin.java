package io.sextant.proxy;

import io.sextant.commands.RegistryCommands;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The {@code docker login} Kamal runs on a host before it starts kamal-proxy (the password goes on stdin, never on
 * a command line).
 *
 * @param commands the login command of the configured registry
 * @param password its password
 */
public record RegistryLogin(RegistryCommands commands, String password) {
  public RegistryLogin {
    Objects.requireNonNull(commands, "commands");
    Objects.requireNonNull(password, "password");
  }

  void on(SshHosts ssh, String host) {
    RemoteResult result = ssh.run(host, commands.login(), password.getBytes(StandardCharsets.UTF_8));
    if (!result.ok()) {
      throw new RemoteException("docker login", List.of(result));
    }
  }
}

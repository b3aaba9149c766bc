package io.sextant.deploy;

import io.sextant.build.ImageBuilder;
import io.sextant.build.LocalRegistry;
import io.sextant.commands.RegistryCommands;
import io.sextant.config.ConfigurationException;
import io.sextant.config.DeployConfig;
import io.sextant.config.RegistryConfig;
import io.sextant.process.ProcessRunner;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Kamal's {@code registry setup | login | logout | remove}
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/registry.rb): with a local registry
 * ({@code localhost:PORT}) setup and remove start and remove its container here; otherwise they log in to (out of)
 * the registry here and on the selected hosts, the password always on stdin. {@code skipLocal}/{@code skipRemote}
 * are Kamal's {@code -L}/{@code -R}. No lock; the hosts are contacted (and {@code pre-connect} fires) only for
 * the remote part.
 */
public final class RegistryFlows {
  private final FlowContext ctx;

  public RegistryFlows(FlowContext ctx) {
    this.ctx = ctx;
  }

  /** {@code registry setup}. */
  public void setup(boolean skipLocal, boolean skipRemote) {
    if (!skipLocal) {
      builder().checkLocalDocker();
    }
    if (registry().isLocal()) {
      if (!skipLocal) {
        localRegistry().setup();
      }
      return;
    }
    RegistryCommands commands = commands();
    String password = registry().password().resolve(ctx.secrets());
    if (!skipLocal) {
      ctx.console().info("Logging in to " + describe() + " locally...");
      builder().login(commands, password);
    }
    if (!skipRemote) {
      onHosts("docker login", commands.login(), password.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** {@code registry remove}. */
  public void remove(boolean skipLocal, boolean skipRemote) {
    if (registry().isLocal()) {
      if (!skipLocal) {
        localRegistry().remove();
      }
      return;
    }
    RegistryCommands commands = new RegistryCommands(registry().server(), null);
    if (!skipLocal) {
      builder().logout(commands);
    }
    if (!skipRemote) {
      onHosts("docker logout", commands.logout(), null);
    }
  }

  /** {@code registry login}: {@link #setup} for a registry that is not local. */
  public void login(boolean skipLocal, boolean skipRemote) {
    refuseLocal("login", "setup");
    setup(skipLocal, skipRemote);
  }

  /** {@code registry logout}: {@link #remove} for a registry that is not local. */
  public void logout(boolean skipLocal, boolean skipRemote) {
    refuseLocal("logout", "remove");
    remove(skipLocal, skipRemote);
  }

  /** Kamal's message (cli/registry.rb:31 and :42), with {@code sextant} in the advice. */
  private void refuseLocal(String command, String instead) {
    if (registry().isLocal()) {
      throw new ConfigurationException("Cannot use " + command + " command with a local registry. Use `sextant"
          + " registry " + instead + "` instead.");
    }
  }

  private void onHosts(String step, String command, byte[] stdin) {
    List<String> hosts = ctx.selection().hosts();
    ctx.console().info((stdin == null ? "Logging out of " : "Logging in to ") + describe() + " on "
        + String.join(", ", hosts) + "...");
    List<RemoteResult> failures = ctx.ssh().runAll(hosts, command, stdin).stream().filter(r -> !r.ok()).toList();
    if (!failures.isEmpty()) {
      throw new RemoteException(step, failures.stream().map(r -> new RemoteResult(r.host(), r.exitCode(), "",
          ctx.console().redacted(r.stderr()))).toList());
    }
  }

  private String describe() {
    String server = registry().server();
    return server == null || server.isEmpty() ? "Docker Hub" : server;
  }

  private RegistryConfig registry() {
    DeployConfig config = ctx.config();
    return config.registry();
  }

  private RegistryCommands commands() {
    return RegistryCommands.of(registry(), ctx.secrets()).orElseThrow(() ->
        new ConfigurationException("registry/username: is required"));
  }

  private ImageBuilder builder() {
    return new ImageBuilder(new ProcessRunner(), ctx.console(), ctx.workingDir());
  }

  private LocalRegistry localRegistry() {
    return new LocalRegistry(new ProcessRunner(), ctx.console(), registry().localPort());
  }
}

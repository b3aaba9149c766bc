package io.sextant.build;

import io.sextant.commands.LocalRegistryCommands;
import io.sextant.config.RegistryConfig;
import io.sextant.console.Console;
import io.sextant.process.LocalCommand;
import io.sextant.process.OutputListener;
import io.sextant.process.ProcessFailedException;
import io.sextant.process.ProcessResult;
import io.sextant.process.ProcessRunner;
import io.sextant.ssh.RemotePortForward;
import io.sextant.ssh.SshHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kamal's local registry ({@code registry: server: localhost:PORT}): a registry container on this machine,
 * published on its loopback, that the image is pushed to; the hosts pull from their own {@code localhost:PORT},
 * which an SSH remote port forward over their existing session sends back here for the duration of the pull
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/build.rb#L210-L233 and
 * cli/build/port_forwarding.rb). No host needs credentials: the registry is reachable only through the forward.
 */
public final class LocalRegistry {
  private final ProcessRunner runner;
  private final Console console;
  private final LocalRegistryCommands commands;

  public LocalRegistry(ProcessRunner runner, Console console, int port) {
    this.runner = runner;
    this.console = console;
    this.commands = new LocalRegistryCommands(port);
  }

  /**
   * Why a local registry cannot be used as configured (its port is not one), or empty; checked before anything
   * runs. A registry that is not local has nothing to check.
   */
  public static Optional<String> problem(RegistryConfig registry) {
    if (registry == null || !registry.isLocal()) {
      return Optional.empty();
    }
    int port = registry.localPort();
    if (port >= 1 && port <= 65535) {
      return Optional.empty();
    }
    return Optional.of("registry/server: a local registry is localhost:PORT with a port from 1 to 65535, got '"
        + registry.server() + "'");
  }

  /** Kamal's {@code registry setup} for a local registry: starts the container, or creates it the first time. */
  public void setup() {
    console.info("Setting up the local registry on 127.0.0.1:" + commands.port() + "...");
    console.debug("Running " + commands.setup() + " locally");
    if (run(commands.start()).succeeded()) {
      return;
    }
    ProcessResult created = run(commands.run());
    if (!created.succeeded()) {
      throw new BuildException("Could not start the local registry (" + commands.setup() + "): "
          + console.redacted(created.tail(3)));
    }
  }

  /**
   * Kamal's {@code registry remove} for a local registry: stops and removes the container. As in Kamal, a
   * registry that is not there is not an error; what docker answered is shown.
   */
  public void remove() {
    console.debug("Running " + LocalRegistryCommands.remove() + " locally");
    ProcessResult stopped = run(LocalRegistryCommands.stop());
    ProcessResult removed = stopped.succeeded() ? run(LocalRegistryCommands.rm()) : stopped;
    if (removed.succeeded()) {
      console.info("Removed the local registry (" + LocalRegistryCommands.CONTAINER + ")");
    } else {
      console.info("No local registry removed: " + console.redacted(removed.tail(1)));
    }
  }

  /**
   * Runs {@code body} while every one of {@code hosts} forwards its {@code 127.0.0.1:PORT} to the registry here;
   * the forwards are closed afterwards, also when {@code body} fails.
   */
  public void forwardedTo(SshHosts ssh, List<String> hosts, Runnable body) {
    forwardedTo(ssh, hosts, String.join(", ", hosts), body);
  }

  /**
   * Runs {@code body} (the builder check and the build) while the remote builder's host forwards its
   * {@code 127.0.0.1:PORT} to the registry here, so that its BuildKit pushes to {@code localhost:PORT}; {@code ssh}
   * are the connections to that host ({@link RemoteBuilderHost#settings}). Closed afterwards, also on failure.
   */
  public void forwardedToBuilder(SshHosts ssh, RemoteBuilderHost builder, Runnable body) {
    forwardedTo(ssh, List.of(builder.hostName()), builder.hostName(), body);
  }

  private void forwardedTo(SshHosts ssh, List<String> hosts, String shown, Runnable body) {
    console.info("Setting up local registry port forwarding to " + shown + "...");
    List<RemotePortForward> forwards = ssh.forwardRemotePort(hosts, commands.port(), commands.port());
    try {
      body.run();
    } finally {
      close(forwards);
    }
  }

  private void close(List<RemotePortForward> forwards) {
    List<String> failures = new ArrayList<>();
    for (RemotePortForward forward : forwards) {
      try {
        forward.close();
      } catch (RuntimeException e) {
        failures.add(e.getMessage());
      }
    }
    // The hosts stop listening when Sextant's sessions close, at the latest: worth a line, not a failure.
    failures.forEach(failure -> console.error("Warning: " + failure));
  }

  private ProcessResult run(List<String> argv) {
    try {
      return runner.run(LocalCommand.of(argv), OutputListener.NONE);
    } catch (ProcessFailedException e) {
      throw new BuildException("Docker is not installed locally: install the docker CLI to run the local registry ("
          + e.getMessage() + ")");
    }
  }
}

package io.sextant.build;

import io.sextant.commands.BuildCommands;
import io.sextant.commands.RegistryCommands;
import io.sextant.console.Console;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Kamal's {@code build pull}: on every app host, in parallel, {@code docker login} (password on stdin), pull
 * {@code <image>:<version>} and check it carries the service's label. Hosts that fail are all reported at once,
 * one line each.
 */
public final class ImagePuller {
  private final SshHosts ssh;
  private final Console console;

  public ImagePuller(SshHosts ssh, Console console) {
    this.ssh = ssh;
    this.console = console;
  }

  /** One host's failed step. */
  private record Failure(String step, RemoteResult result) {
    String describe() {
      return RemoteException.describe(step, result);
    }
  }

  /**
   * @param registry the registry to log in to first, or {@code null} for none
   * @param password its password (never on a command line)
   */
  public void pull(List<String> hosts, BuildCommands commands, RegistryCommands registry, String password) {
    console.info("Pulling " + commands.image() + " on " + String.join(", ", hosts) + "...");
    List<Failure> failures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(hosts.size(), 16)), runnable -> {
      Thread thread = new Thread(runnable, "sextant-pull");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<Failure>> results = new ArrayList<>();
      for (String host : hosts) {
        results.add(pool.submit(() -> pullOn(host, commands, registry, password)));
      }
      for (int i = 0; i < hosts.size(); i++) {
        Failure failure = await(results.get(i), hosts.get(i));
        if (failure != null) {
          failures.add(failure);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (!failures.isEmpty()) {
      throw new BuildException(console.redacted(
          failures.stream().map(Failure::describe).collect(Collectors.joining("\n"))));
    }
  }

  /** Null when every step went well on the host. */
  private Failure pullOn(String host, BuildCommands commands, RegistryCommands registry, String password) {
    if (registry != null) {
      RemoteResult login = ssh.run(host, registry.login(), password.getBytes(StandardCharsets.UTF_8));
      if (!login.ok()) {
        return new Failure("docker login", login);
      }
    }
    RemoteResult pull = ssh.run(host, commands.pull());
    if (!pull.ok()) {
      return new Failure("docker pull " + commands.image(), pull);
    }
    RemoteResult check = ssh.run(host, commands.validateImage());
    return check.ok() ? null : new Failure("image label check", check);
  }

  private static Failure await(Future<Failure> future, String host) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failure("pull", new RemoteResult(host, RemoteResult.NOT_RUN, "", "interrupted"));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      return new Failure("pull", new RemoteResult(host, RemoteResult.NOT_RUN, "", reason));
    }
  }
}

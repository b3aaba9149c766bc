package io.sextant.app;

import io.sextant.commands.BuildCommands;
import io.sextant.commands.RegistryCommands;
import io.sextant.commands.StepScript;
import io.sextant.console.Console;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Kamal's {@code build pull}: on every app host, in parallel, {@code docker login} (password on stdin), pull
 * {@code <image>:<version>} and check it carries the service's label, all in one exec per host that still names
 * the step that failed. Hosts that fail are all reported at once, one line each.
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
    List<Failure> failures = HostTasks.forEach(hosts, host -> pullOn(host, commands, registry, password),
            (host, e) -> new Failure("pull", new RemoteResult(host, RemoteResult.NOT_RUN, "", HostTasks.reason(e))))
        .stream().filter(java.util.Objects::nonNull).toList();
    if (!failures.isEmpty()) {
      throw new ImagePullException(console.redacted(
          failures.stream().map(Failure::describe).collect(Collectors.joining("\n"))),
          failures.stream().map(failure -> failure.result().host()).toList());
    }
  }

  /** Null when every step went well on the host. One exec: login, pull and label check in one script. */
  private Failure pullOn(String host, BuildCommands commands, RegistryCommands registry, String password) {
    StepScript script = commands.pullScript(registry);
    RemoteResult result = ssh.run(host, script.render(),
        registry == null ? null : password.getBytes(StandardCharsets.UTF_8));
    StepScript.Outcome outcome = script.read(result.exitCode(), result.stdout(), result.stderr());
    return outcome.ok() ? null
        : new Failure(outcome.failedStep(), new RemoteResult(host, outcome.exitCode(), "", outcome.error()));
  }
}

package io.sextant.lock;

import io.sextant.SextantException;
import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.ssh.SshHosts;
import io.sextant.ssh.SshSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A separate process contending for the lock ({@link DeployLockIT}): {@code host user key knownHosts message};
 * exit 0 when it acquired the lock, else the exception's exit code.
 */
public final class LockProbe {
  private LockProbe() {}

  public static void main(String[] args) {
    SshSettings settings = SshSettings.defaults().withUser(args[1]).withKeys(List.of(Path.of(args[2])), true)
        .withKnownHostsFile(Path.of(args[3]));
    Console console = Console.system(Verbosity.NORMAL);
    int exit;
    try (SshHosts hosts = new SshHosts(settings)) {
      LockTarget target = new LockTarget("app", Optional.empty(), args[0], List.of(args[0]), "v1", "Probe");
      new DeployLock(hosts, target, console, Map.of(), LockWait.NONE, Clock.systemUTC(), Sleeper.REAL, null)
          .acquire(args[4]);
      exit = 0;
    } catch (SextantException e) {
      console.error(e.getMessage());
      exit = e.exitCode();
    }
    System.exit(exit);
  }
}

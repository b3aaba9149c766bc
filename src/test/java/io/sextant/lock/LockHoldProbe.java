package io.sextant.lock;

import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.process.Interruption;
import io.sextant.ssh.SshHosts;
import io.sextant.ssh.SshSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Sextant-like process for {@link DeployLockIT}: takes the automatic lock with signal handling installed, says
 * "locked" and waits to be signalled.
 * Arguments: {@code host user key knownHosts}.
 */
public final class LockHoldProbe {
  private LockHoldProbe() {}

  public static void main(String[] args) throws Exception {
    SshSettings settings = SshSettings.defaults().withUser(args[1]).withKeys(List.of(Path.of(args[2])), true)
        .withKnownHostsFile(Path.of(args[3]));
    Console console = Console.system(Verbosity.NORMAL);
    Interruption interruption = Interruption.forProcess();
    interruption.install();
    SshHosts hosts = new SshHosts(settings);
    interruption.onInterrupt("close SSH connections", hosts::close); // registered first, so it runs last
    LockTarget target = new LockTarget("app", Optional.empty(), args[0], List.of(args[0]), "v1", "Holder");
    DeployLock lock = new DeployLock(hosts, target, console, Map.of(), LockWait.NONE, Clock.systemUTC(),
        Sleeper.REAL, interruption);
    lock.acquireAutomatic();
    System.out.println("locked");
    System.out.flush();
    Thread.sleep(120_000);
    lock.releaseAutomatic();
  }
}

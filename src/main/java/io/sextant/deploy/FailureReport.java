package io.sextant.deploy;

import io.sextant.app.AppBootException;
import io.sextant.app.BootFailure;
import java.util.List;

/**
 * Where a deploy failed, for {@code post-deploy-failure} (B1): the step ({@code build}, {@code pre-deploy},
 * {@code app-boot:web}, ...) and the hosts involved. Flows mark each step as they enter it.
 */
final class FailureReport {
  private volatile String step = "start";

  void enter(String newStep) {
    step = newStep;
  }

  String step() {
    return step;
  }

  /** The step that failed: boot failures name their role. */
  String failedStep(RuntimeException error) {
    if (error instanceof AppBootException boot && !boot.failures().isEmpty()) {
      BootFailure first = boot.failures().get(0);
      return "app-boot:" + first.role();
    }
    return step;
  }

  /** The hosts named by the failure, when it names any. */
  static List<String> failedHosts(RuntimeException error) {
    if (error instanceof AppBootException boot) {
      return boot.failedHosts();
    }
    if (error instanceof io.sextant.ssh.RemoteException remote) {
      return remote.failedHosts();
    }
    return List.of();
  }
}

package io.sextant.deploy;

import io.sextant.app.AppBootException;
import io.sextant.app.BootFailure;
import io.sextant.app.ImagePullException;
import io.sextant.ssh.RemoteException;
import java.util.List;

/**
 * Where a deploy failed, for {@code post-deploy-failure} (B1): the step ({@code pre-connect}, {@code pre-build},
 * {@code build}, {@code pull}, {@code lock}, {@code server-bootstrap}, {@code rollback}, {@code pre-deploy},
 * {@code proxy-boot}, {@code release}, {@code pre-app-boot}, {@code app-boot:<role>}, {@code post-app-boot}, {@code prune}, {@code post-deploy}) and the
 * hosts involved. Flows mark each step as they enter it, with the hosts it concerns when those are not all of
 * them (a boot group for the app-boot hooks).
 */
final class FailureReport {
  private record Step(String name, List<String> hosts) {}

  private volatile Step step = new Step("start", List.of());

  void enter(String newStep) {
    enter(newStep, List.of());
  }

  /** Enters a step that concerns only {@code hosts} (e.g. a boot group's hooks). */
  void enter(String newStep, List<String> hosts) {
    step = new Step(newStep, List.copyOf(hosts));
  }

  String step() {
    return step.name();
  }

  /** The step that failed: boot failures name their role. */
  String failedStep(RuntimeException error) {
    if (error instanceof AppBootException boot && !boot.failures().isEmpty()) {
      BootFailure first = boot.failures().get(0);
      return "app-boot:" + first.role();
    }
    return step.name();
  }

  /** The hosts named by the failure, else those of the step it failed in (empty for local steps). */
  List<String> failedHosts(RuntimeException error) {
    if (error instanceof AppBootException boot) {
      return boot.failedHosts();
    }
    if (error instanceof RemoteException remote) {
      return remote.failedHosts();
    }
    if (error instanceof ImagePullException pull) {
      return pull.failedHosts();
    }
    return step.hosts();
  }
}

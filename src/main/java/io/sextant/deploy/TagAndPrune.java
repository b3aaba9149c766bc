package io.sextant.deploy;

import io.sextant.app.AppBooter;
import io.sextant.commands.StepScript;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a deploy in one exec per host: the booted version tagged {@code latest} (what {@link AppBooter#boot}
 * would do last), then the prune. Each failure is still named by its step: {@code tag of the latest image} (a
 * host whose tag failed is not pruned) or {@code prune}.
 */
final class TagAndPrune {
  private final SshHosts ssh;
  private final String tag;
  private final List<String> tagged;

  /**
   * @param tag the tag command ({@link AppBooter#tagLatestCommand})
   * @param tagged the hosts to tag ({@link AppBooter#hostsToTag})
   */
  TagAndPrune(SshHosts ssh, String tag, List<String> tagged) {
    this.ssh = ssh;
    this.tag = tag;
    this.tagged = List.copyOf(tagged);
  }

  /**
   * @param prune the prune command
   * @param onTagFailure called before a failed tag is thrown (the flow reports it as the boot's failure)
   * @throws RemoteException naming the hosts where the tag failed, else those where the prune failed
   */
  void run(List<String> hosts, String prune, Runnable onTagFailure) {
    List<RemoteResult> results = ssh.runAll(hosts, host -> script(tagged.contains(host) ? tag : null, prune).render());
    List<RemoteResult> tagFailures = new ArrayList<>();
    List<RemoteResult> pruneFailures = new ArrayList<>();
    for (RemoteResult result : results) {
      boolean tags = tagged.contains(result.host());
      if (result.exitCode() == RemoteResult.NOT_RUN) {
        (tags ? tagFailures : pruneFailures).add(result); // unreachable: its first step could not run
        continue;
      }
      StepScript.Outcome outcome = script(tags ? tag : null, prune)
          .read(result.exitCode(), result.stdout(), result.stderr());
      if (!outcome.ok()) {
        RemoteResult failure = new RemoteResult(result.host(), outcome.exitCode(), "", outcome.error());
        (AppBooter.TAG_STEP.equals(outcome.failedStep()) ? tagFailures : pruneFailures).add(failure);
      }
    }
    if (!tagFailures.isEmpty()) {
      onTagFailure.run();
      throw new RemoteException(AppBooter.TAG_STEP, tagFailures);
    }
    if (!pruneFailures.isEmpty()) {
      throw new RemoteException("prune", pruneFailures);
    }
  }

  private static StepScript script(String tag, String prune) {
    StepScript script = new StepScript("prune");
    if (tag != null) {
      script.run(AppBooter.TAG_STEP, tag);
    }
    return script.run("prune", prune);
  }
}

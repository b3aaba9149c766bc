package io.sextant.cli;

import io.sextant.config.Accessory;
import io.sextant.deploy.AccessoryFlows;
import io.sextant.deploy.Preflight;
import io.sextant.ssh.RemoteResult;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sextant accessory}: the accessories of the configuration (Kamal's {@code kamal accessory}). */
@Command(name = "accessory", description = "Manage accessories (databases, caches, ...) on the servers.",
    subcommands = {AccessoryBootCommand.class, AccessoryRebootCommand.class, AccessoryStartCommand.class,
        AccessoryStopCommand.class, AccessoryRestartCommand.class, AccessoryDetailsCommand.class,
        AccessoryLogsCommand.class, AccessoryExecCommand.class, AccessoryRemoveCommand.class,
        AccessoryUploadCommand.class, AccessoryDirectoriesCommand.class, AccessoryPullImageCommand.class,
        AccessoryRemoveContainerCommand.class, AccessoryRemoveImageCommand.class,
        AccessoryRemoveServiceDirectoryCommand.class, AccessoryUpgradeCommand.class})
public final class AccessoryCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** An accessory subcommand about one accessory, or {@code all} of them where Kamal allows it. */
  abstract static class Named extends SessionCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The accessory (or all).")
    String name;

    /** The accessories {@link #name} stands for; an unknown name is a usage error before anything runs. */
    List<Accessory> accessories(AccessoryFlows flows) {
      return flows.named(name);
    }

    /** The audit line of a command: Kamal's {@code <Did> <name> accessory}. */
    String what(String did) {
      return did + " " + name + " accessory";
    }
  }

  /**
   * A modifying subcommand: the flow run under the deploy lock (the flow takes it), then recorded in the audit log
   * with Kamal's words ({@code Booted db accessory}).
   */
  abstract static class Modifying extends Named {
    private final String did;
    private final BiConsumer<AccessoryFlows, List<Accessory>> flow;
    private final boolean boots;

    /** @param boots whether it boots or uploads (its env secrets and registry login are then checked first) */
    Modifying(String did, BiConsumer<AccessoryFlows, List<Accessory>> flow, boolean boots) {
      this.did = did;
      this.flow = flow;
      this.boots = boots;
    }

    @Override
    protected Set<Preflight.Need> needs() {
      return boots ? Set.of(Preflight.Need.ACCESSORIES) : Set.of();
    }

    @Override
    protected int run(CommandSession session) {
      AccessoryFlows flows = new AccessoryFlows(session);
      List<Accessory> accessories = accessories(flows);
      audited(session, what(did), () -> flow.accept(flows, accessories));
      return 0;
    }
  }

  /** Prints each host's output under {@code <type> Host: <host>}, as Kamal's {@code puts_by_host}. */
  static void printByHost(CommandSession session, String type, List<RemoteResult> results) {
    for (RemoteResult result : results) {
      session.console().result(type + " Host: " + result.host());
      session.console().result(result.stdout().stripTrailing());
      session.console().result("");
    }
  }
}

package io.sextant.cli;

import io.sextant.config.Accessory;
import io.sextant.deploy.AccessoryFlows;
import io.sextant.ssh.RemoteResult;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sextant accessory}: the accessories of the configuration (Kamal's {@code kamal accessory}). */
@Command(name = "accessory", description = "Manage accessories (databases, caches, ...) on the servers.",
    subcommands = {AccessoryBootCommand.class, AccessoryRebootCommand.class, AccessoryStartCommand.class,
        AccessoryStopCommand.class, AccessoryRestartCommand.class, AccessoryDetailsCommand.class,
        AccessoryLogsCommand.class, AccessoryExecCommand.class, AccessoryRemoveCommand.class,
        AccessoryUploadCommand.class, AccessoryDirectoriesCommand.class})
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

  /** Prints each host's output under {@code <type> Host: <host>}, as Kamal's {@code puts_by_host}. */
  static void printByHost(CommandSession session, String type, List<RemoteResult> results) {
    for (RemoteResult result : results) {
      session.console().result(type + " Host: " + result.host());
      session.console().result(result.stdout().stripTrailing());
      session.console().result("");
    }
  }
}

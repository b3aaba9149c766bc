package io.sextant.cli;

import io.sextant.deploy.Deployer;
import io.sextant.deploy.Preflight.Need;
import io.sextant.deploy.RegistryFlows;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code details}, {@code remove} and {@code prune}: the whole-service commands. */
final class TopLevelCommands {
  private TopLevelCommands() {}

  /** {@code details}: the app's containers on every host, then every accessory's (as Kamal, without the proxy's). */
  @Command(name = "details", description = "Show details about the app and its accessories on every host.")
  static final class Details extends AppSubcommand {
    @Override
    protected int run(CommandSession session) {
      printByHost(session, onAppHosts(session, "details", io.sextant.commands.AppCommands::info));
      io.sextant.deploy.AccessoryFlows accessories = new io.sextant.deploy.AccessoryFlows(session);
      for (io.sextant.config.Accessory accessory : session.config().accessories()) {
        AccessoryCommand.printByHost(session, "Accessory " + accessory.name(), accessories.details(accessory));
      }
      return 0;
    }
  }

  /**
   * {@code remove [-y]}: removes the app's containers, images and files from every host, then the accessories, then
   * logs the hosts out of the registry (Kamal's order).
   */
  @Command(name = "remove", description = "Remove the app's containers, images and files from the servers.")
  static final class Remove extends AppSubcommand {
    @Option(names = {"-y", "--confirmed"}, description = "Do not ask for confirmation.")
    boolean confirmed;

    @Override
    protected Set<Need> needs() {
      return EnumSet.of(Need.REMOVE);
    }

    @Override
    protected int run(CommandSession session) throws Exception {
      if (!confirming(session, confirmed, "This will remove all containers and images. Are you sure?")) {
        return 0;
      }
      audited(session, "Removed app", () -> session.lock().withLock(() -> {
        AppCommand.Remove.removeApp(session);
        // Kamal's remove removes every accessory after the app (K:lib/kamal/cli/main.rb:194)
        new io.sextant.deploy.AccessoryFlows(session).remove(session.config().accessories());
        // Kamal's remove ends with `registry remove --skip-local`: the hosts log out of the registry.
        new RegistryFlows(session).remove(true, false);
      }));
      return 0;
    }
  }

  /** {@code prune}: old containers and images. */
  @Command(name = "prune", description = "Prune old app containers and images.",
      subcommands = {Prune.All.class, Prune.Containers.class, Prune.Images.class})
  static final class Prune implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code prune all}: containers, then images. */
    @Command(name = "all", description = "Prune old containers and unused images.")
    static final class All extends PruneCommand {
      All() {
        super("Pruned old containers and images", true, true);
      }
    }

    /** {@code prune containers}: stopped containers beyond the newest {@code --retain}. */
    @Command(name = "containers", description = "Prune old stopped containers.")
    static final class Containers extends PruneCommand {
      Containers() {
        super("Pruned old containers", true, false);
      }
    }

    /** {@code prune images}: untagged images and images no container uses. */
    @Command(name = "images", description = "Prune unused images.")
    static final class Images extends PruneCommand {
      Images() {
        super("Pruned unused images", false, true);
      }
    }

    /** The shape every prune command shares: under the lock, audited. */
    abstract static class PruneCommand extends SessionCommand {
      @Option(names = "--retain", description = "Stopped containers to keep (default: retain_containers).")
      Integer retain;

      private final String what;
      private final boolean containers;
      private final boolean images;

      PruneCommand(String what, boolean containers, boolean images) {
        this.what = what;
        this.containers = containers;
        this.images = images;
      }

      @Override
      protected int run(CommandSession session) {
        int keep = retain == null ? session.config().retainContainers() : retain;
        audited(session, what, () -> session.lock().withLock(
            () -> new Deployer(session).prune(keep, containers, images)));
        return 0;
      }
    }
  }

  /**
   * Kamal's {@code confirming}: true with {@code -y} ({@code confirmed}) or a yes on the terminal; otherwise prints
   * {@code Aborted} and returns false (the command then does nothing and exits 0).
   */
  static boolean confirming(CommandSession session, boolean confirmed, String question) throws java.io.IOException {
    if (confirmed || confirm(session, question)) {
      return true;
    }
    session.console().result("Aborted");
    return false;
  }

  /** Asks on the terminal; with no answer (no TTY, end of input) the answer is no. */
  static boolean confirm(CommandSession session, String question) throws java.io.IOException {
    System.out.print(question + " [y/N] ");
    System.out.flush();
    String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
  }
}

package io.sextant.cli;

import io.sextant.commands.AppCommands;
import io.sextant.deploy.Deployer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sextant app}: the app's containers on the servers. */
@Command(name = "app", description = "Manage the app's containers.",
    subcommands = {AppCommand.Boot.class, AppCommand.Start.class, AppCommand.Stop.class,
        AppCommand.StaleContainers.class, AppCommand.Remove.class, AppInspection.Details.class,
        AppInspection.Containers.class, AppInspection.Images.class, AppInspection.Version.class,
        AppInspection.Logs.class, AppInspection.Exec.class})
public final class AppCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code app boot}: boots the version ({@code --version}, else the configured one) group by group (H-27). */
  @Command(name = "boot", description = "Boot the app version on the servers (group by group, see boot.limit).")
  public static final class Boot extends SessionCommand {
    @Override
    protected int run(CommandSession session) {
      // As Kamal (H-22): --version, else the image last tagged latest on the hosts, not $VERSION or git HEAD.
      String destination = session.config().destination();
      String version = global().version() != null ? global().version()
          : destination == null ? "latest" : "latest-" + destination;
      if (global().version() == null) {
        session.console().info("Get most recent version available as an image...");
      }
      audited(session, "Booted " + version, () -> new Deployer(session).appBoot(version));
      return 0;
    }
  }

  /** {@code app start}: starts the stopped container of the version. */
  @Command(name = "start", description = "Start the app container of the version on the servers.")
  public static final class Start extends AppSubcommand {
    @Override
    protected int run(CommandSession session) {
      audited(session, "Started app version " + session.version(),
          () -> session.lock().withLock(() -> onAppHosts(session, "app start", AppCommands::start)));
      return 0;
    }
  }

  /** {@code app stop}: stops the running app container. */
  @Command(name = "stop", description = "Stop the running app container on the servers.")
  public static final class Stop extends AppSubcommand {
    @Override
    protected int run(CommandSession session) {
      Integer timeout = session.config().stopTimeout();
      audited(session, "Stopped app", () -> session.lock().withLock(
          () -> onAppHosts(session, "app stop", app -> app.stopCurrent(timeout) + " || true")));
      return 0;
    }
  }

  /** {@code app stale_containers [--stop]}: running containers of other versions than the current one. */
  @Command(name = "stale_containers", aliases = "stale-containers",
      description = "List (or stop, with --stop) app containers of versions that are not the current one.")
  public static final class StaleContainers extends AppSubcommand {
    @Option(names = {"-s", "--stop"}, description = "Stop them.")
    boolean stop;

    @Override
    protected int run(CommandSession session) {
      Runnable work = () -> {
        List<io.sextant.ssh.RemoteResult> results = onAppHosts(session, "stale containers", app ->
            "current=$(" + app.currentRunningVersion() + "); " + app.listVersions(List.of("running"))
                + " | while read v; do [ \"$v\" = \"$current\" ] || echo \"" + app.containerPrefix() + "-$v\"; done");
        for (io.sextant.ssh.RemoteResult result : results) {
          for (String container : result.stdout().lines().filter(line -> !line.isBlank()).toList()) {
            session.console().result((stop ? "Stopping stale container " : "Detected stale container ")
                + container + " on " + result.host());
            if (stop) {
              Integer timeout = session.config().stopTimeout();
              List<String> words = new java.util.ArrayList<>(List.of("docker", "stop"));
              if (timeout != null) {
                words.addAll(List.of("-t", timeout.toString()));  // stop_timeout, as every other stop
              }
              words.add(container);
              session.ssh().runOrThrow("stop " + container, result.host(), io.sextant.commands.Shell.join(words));
            }
          }
        }
      };
      if (stop) {
        audited(session, "Stopped stale containers", () -> session.lock().withLock(work));
      } else {
        work.run();
      }
      return 0;
    }
  }

  /** {@code app remove}: stops and removes the app's containers and images on the servers. */
  @Command(name = "remove", description = "Remove the app's containers and images from the servers.")
  public static final class Remove extends AppSubcommand {
    @Override
    protected int run(CommandSession session) {
      audited(session, "Removed app", () -> session.lock().withLock(() -> removeApp(session)));
      return 0;
    }

    static void removeApp(CommandSession session) {
      Integer timeout = session.config().stopTimeout();
      onAppHosts(session, "app remove", app -> "{ " + app.stopCurrent(timeout) + " || true; } ; "
          + app.removeContainers() + " ; " + app.removeImages() + " ; rm -rf "
          + io.sextant.commands.Shell.quote(app.appDirectory()));
    }
  }
}

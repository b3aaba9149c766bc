package io.sextant.cli;

import io.sextant.commands.AppCommands;
import io.sextant.commands.AppProxyCommands;
import io.sextant.config.DeployConfig;
import io.sextant.config.Role;
import io.sextant.deploy.Deployer;
import io.sextant.deploy.Preflight.Need;
import io.sextant.hooks.HookPoint;
import io.sextant.ssh.RemoteResult;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sextant app}: the app's containers on the servers. */
@Command(name = "app", description = "Manage the app's containers.",
    subcommands = {AppCommand.Boot.class, AppCommand.Start.class, AppCommand.Stop.class,
        AppCommand.StaleContainers.class, AppCommand.Remove.class, AppInspection.Details.class,
        AppInspection.Containers.class, AppInspection.Images.class, AppInspection.Version.class,
        AppLogsCommand.class, AppExecCommand.class, AppMaintenanceCommand.class, AppLiveCommand.class,
        AppRemoveContainerCommand.class, AppRemoveContainersCommand.class, AppRemoveImagesCommand.class,
        AppRemoveAppDirectoriesCommand.class})
public final class AppCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code app boot}: boots the version ({@code --version}, else the configured one) group by group
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L3-L41).
   */
  @Command(name = "boot", description = "Boot the app version on the servers (group by group, see boot.limit).")
  public static final class Boot extends SessionCommand {
    @Override
    protected Set<Need> needs() {
      return EnumSet.of(Need.BOOT);
    }

    @Override
    protected int run(CommandSession session) {
      // As Kamal (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L5-L6): --version, else the image
      // last tagged latest on the hosts, not $VERSION or git HEAD.
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

  /**
   * {@code app start}: starts the stopped container of the version, the roles of a host at the same time with
   * {@code boot/parallel_roles} (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L43-L59).
   */
  @Command(name = "start", description = "Start the app container of the version on the servers.")
  public static final class Start extends AppSubcommand {
    @Override
    protected int run(CommandSession session) {
      audited(session, "Started app version " + session.version(),
          () -> session.lock().withLock(() -> onAppRolesInLanes(session, "app start", (role, app) ->
              // A role behind kamal-proxy is registered with it again (Kamal's app start).
              session.config().runsProxy(role)
                  ? app.start() + " && " + proxy(session, role).deployCurrent(app)
                  : app.start())));
      return 0;
    }
  }

  /**
   * {@code app stop}: stops the running app container, the roles of a host at the same time with
   * {@code boot/parallel_roles} (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L61-L78).
   */
  @Command(name = "stop", description = "Stop the running app container on the servers.")
  public static final class Stop extends AppSubcommand {
    @Override
    protected int run(CommandSession session) {
      audited(session, "Stopped app", () -> session.lock().withLock(() -> onAppRolesInLanes(session, "app stop",
          (role, app) -> stopRole(session, role, app))));
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
      DeployConfig config = session.config();
      Runnable work = () -> {
        List<RemoteResult> results = onAppHosts(session, "stale containers", AppCommands::staleVersions);
        for (RemoteResult result : results) {
          for (String line : result.stdout().lines().filter(line -> !line.isBlank()).toList()) {
            Role role = config.role(line.substring(0, line.indexOf(' '))).orElseThrow();
            String version = line.substring(line.indexOf(' ') + 1);
            AppCommands app = AppCommands.of(config, role, version);
            session.console().result((stop ? "Stopping stale container " : "Detected stale container ")
                + app.containerName() + " on " + result.host());
            if (stop) {
              session.ssh().runOrThrow("stop " + app.containerName(), result.host(),
                  app.stop(version, config.stopTimeoutFor(role)));
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

  /**
   * {@code app remove}: stops (as {@code app stop}) and removes the app's containers and images on the servers
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L244-L251).
   */
  @Command(name = "remove", description = "Remove the app's containers and images from the servers.")
  public static final class Remove extends AppSubcommand {
    @Override
    protected int run(CommandSession session) {
      audited(session, "Removed app", () -> session.lock().withLock(() -> removeApp(session)));
      return 0;
    }

    /**
     * Runs under the lock, between {@code pre-app-remove} and {@code post-app-remove} (Kamal's points since
     * basecamp/kamal#1879, after 2.12); {@code remove} calls it too, so the hooks fire there as in Kamal.
     */
    static void removeApp(CommandSession session) {
      session.hooks().run(HookPoint.PRE_APP_REMOVE, session.hookContext());
      // As Kamal's remove: app stop first (in its lanes), then the containers, a host's roles in turn (one
      // `docker container prune` at a time on a host: dockerd refuses a second one while one runs)
      onAppRolesInLanes(session, "app remove", (role, app) -> stopRole(session, role, app));
      onAppRoles(session, "app remove", (role, app) -> app.removeContainers());
      // As Kamal's remove_images and remove_app_directories: only where no role of the host stays
      onHostsRemovingAllRoles(session, "app remove", (role, app) -> app.removeImages() + " ; "
          + AppRemoveAppDirectoriesCommand.removeDirectories(session, role, app));
      session.hooks().run(HookPoint.POST_APP_REMOVE, session.hookContext());
    }
  }

  private static AppProxyCommands proxy(CommandSession session, Role role) {
    return AppProxyCommands.of(session.config(), role, session.version());
  }

  /** Kamal's {@code app stop} of a role: out of the proxy, then its running container stopped (never fails). */
  private static String stopRole(CommandSession session, Role role, AppCommands app) {
    return removeFromProxy(session, role, app) + app.stopCurrent(session.config().stopTimeoutFor(role)) + " || true";
  }

  /** For a role behind kamal-proxy: its removal from the proxy, before its container stops (Kamal's app stop). */
  private static String removeFromProxy(CommandSession session, Role role, AppCommands app) {
    return session.config().runsProxy(role) ? "{ " + proxy(session, role).removeCurrent(app) + "; } ; " : "";
  }
}

package io.sextant.cli;

import io.sextant.app.RoleLanes;
import io.sextant.commands.AppCommands;
import io.sextant.config.DeployConfig;
import io.sextant.config.HostSelection;
import io.sextant.config.Role;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An {@code app} subcommand that runs a role-level command on every selected app host: each host runs it for each
 * of its selected roles (one SSH round trip per host), all hosts in parallel; output is shown per host as Kamal
 * does ({@code App Host: h}).
 */
abstract class AppSubcommand extends SessionCommand {
  /**
   * @param commandFor the command for one role (the version is the session's)
   * @return per-host results, in host order
   * @throws RemoteException when a host fails
   */
  protected static List<RemoteResult> onAppHosts(CommandSession session, String step,
      Function<AppCommands, String> commandFor) {
    return onAppRoles(session, step, (role, app) -> commandFor.apply(app));
  }

  /** As {@link #onAppHosts}, for a command that also depends on the role's settings (its stop timeout). */
  protected static List<RemoteResult> onAppRoles(CommandSession session, String step,
      BiFunction<Role, AppCommands, String> commandFor) {
    DeployConfig config = session.config();
    List<Role> roles = session.selection().selectedRoles(config);
    return session.ssh().runAllOrThrow(step, session.selection().appHosts(), host -> {
      List<String> parts = new ArrayList<>();
      for (Role role : roles) {
        if (session.selection().rolesToHosts().getOrDefault(role.name(), List.of()).contains(host)) {
          parts.add(commandFor.apply(role, AppCommands.of(config, role, session.version())));
        }
      }
      return String.join(" ; ", parts);
    });
  }

  /**
   * As {@link #onAppRoles}, in the lanes of {@code boot/parallel_roles} ({@link RoleLanes}): with the key each role
   * of a host runs at the same time as the others, as Kamal's {@code app start} and {@code app stop}.
   */
  protected static List<RemoteResult> onAppRolesInLanes(CommandSession session, String step,
      BiFunction<Role, AppCommands, String> commandFor) {
    DeployConfig config = session.config();
    return RoleLanes.runOrThrow(session.ssh(), step, session.selection().appHosts(),
        session.selection().selectedRoles(config), config.boot().parallelRoles(),
        (host, role) -> commandFor.apply(role, AppCommands.of(config, role, session.version())));
  }

  /**
   * As {@link #onAppHosts} but runs the command once per host, for the host's first selected role (for what is
   * the same for every role of a host: images, the version, the service's containers).
   */
  protected static List<RemoteResult> onAppHostsOnce(CommandSession session, String step,
      Function<AppCommands, String> commandFor) {
    DeployConfig config = session.config();
    return session.ssh().runAllOrThrow(step, session.selection().appHosts(),
        host -> commandFor.apply(AppCommands.of(config, firstRole(session, host), session.version())));
  }

  /**
   * As {@link #onAppHostsOnce}, but only on the hosts where every role the host runs is selected: what all roles
   * of a host share (images, directories) goes only when none of them stays (Kamal's
   * {@code hosts_removing_all_roles}, https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L326-L328).
   */
  protected static List<RemoteResult> onHostsRemovingAllRoles(CommandSession session, String step,
      BiFunction<Role, AppCommands, String> commandFor) {
    DeployConfig config = session.config();
    Map<String, List<String>> allRolesToHosts = HostSelection.all(config).rolesToHosts();
    List<String> hosts = session.selection().appHosts().stream()
        .filter(host -> rolesOn(session.selection().rolesToHosts(), host)
            .equals(rolesOn(allRolesToHosts, host)))
        .toList();
    return session.ssh().runAllOrThrow(step, hosts, host -> {
      Role role = firstRole(session, host);
      return commandFor.apply(role, AppCommands.of(config, role, session.version()));
    });
  }

  private static Set<String> rolesOn(Map<String, List<String>> rolesToHosts, String host) {
    return rolesToHosts.entrySet().stream().filter(entry -> entry.getValue().contains(host))
        .map(Map.Entry::getKey).collect(Collectors.toSet());
  }

  /** The first of the selected roles that {@code host} runs. */
  protected static Role firstRole(CommandSession session, String host) {
    return session.selection().selectedRoles(session.config()).stream()
        .filter(role -> session.selection().rolesToHosts().getOrDefault(role.name(), List.of()).contains(host))
        .findFirst().orElseThrow(() -> new IllegalStateException("no selected role on " + host));
  }

  /** Prints each host's output under {@code App Host: <host>} (no such line with {@code -q}). */
  protected static void printByHost(CommandSession session, List<RemoteResult> results) {
    for (RemoteResult result : results) {
      session.console().byHost("App", result.host(), result.stdout().stripTrailing());
    }
  }
}

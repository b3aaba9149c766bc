package io.sextant.app;

import io.sextant.config.Role;
import io.sextant.ssh.RemoteException;
import io.sextant.ssh.RemoteResult;
import io.sextant.ssh.SshHosts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Runs a command per role on the hosts in the boot's lanes ({@link BootLane}), as Kamal's {@code app start} and
 * {@code app stop} run under {@code on_roles(..., parallel: boot.parallel_roles)}
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L43-L78). Without
 * {@code boot/parallel_roles} a host is one lane: one round trip with its roles' commands one after the other, the
 * hosts in parallel. With it every role of a host is a lane of its own and all lanes run at once. A failing lane
 * does not stop the others; every lane is waited for before the failures are reported.
 */
public final class RoleLanes {
  private RoleLanes() {}

  /** One lane's host and the command it runs there. */
  record LaneCommand(String host, String command) {}

  /**
   * Runs {@code commandFor} for each role on each of {@code hosts} it is on.
   *
   * @param roles the roles, in order (each runs on those of {@code hosts} it names)
   * @param parallelRoles {@code boot/parallel_roles}
   * @return one result per lane, in lane order
   * @throws RemoteException naming every host whose lane failed
   */
  public static List<RemoteResult> runOrThrow(SshHosts ssh, String step, List<String> hosts, List<Role> roles,
      boolean parallelRoles, BiFunction<String, Role, String> commandFor) {
    List<LaneCommand> lanes = commands(hosts, roles, parallelRoles, commandFor);
    if (!parallelRoles) {
      // One lane per host: the hosts' commands as before, on the SSH pool.
      Map<String, String> byHost = lanes.stream()
          .collect(Collectors.toMap(LaneCommand::host, LaneCommand::command, (a, b) -> a, LinkedHashMap::new));
      return ssh.runAllOrThrow(step, List.copyOf(byHost.keySet()), byHost::get);
    }
    List<RemoteResult> results = HostTasks.forEach(lanes,
        lane -> ssh.runAll(List.of(lane.host()), host -> lane.command()).get(0),
        (lane, e) -> new RemoteResult(lane.host(), RemoteResult.NOT_RUN, "", HostTasks.reason(e)));
    List<RemoteResult> failures = results.stream().filter(result -> !result.ok()).toList();
    if (!failures.isEmpty()) {
      throw new RemoteException(step, failures);
    }
    return results;
  }

  /** The lanes' commands: a lane's roles' commands joined with {@code ;} (a role runs whatever the one before did). */
  static List<LaneCommand> commands(List<String> hosts, List<Role> roles, boolean parallelRoles,
      BiFunction<String, Role, String> commandFor) {
    return BootLane.plan(hosts, roles, parallelRoles).stream()
        .map(lane -> new LaneCommand(lane.host(), String.join(" ; ",
            lane.roles().stream().map(role -> commandFor.apply(lane.host(), role)).toList())))
        .toList();
  }
}

package io.sextant.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.config.EnvConfig;
import io.sextant.config.Host;
import io.sextant.config.LoggingConfig;
import io.sextant.config.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lanes {@code app start} and {@code app stop} run in, against Kamal's {@code on_roles(KAMAL.roles, hosts:
 * KAMAL.app_hosts, parallel: KAMAL.config.boot.parallel_roles)} (K:lib/kamal/cli/app.rb:46 and :65,
 * K:lib/kamal/sshkit_with_ext.rb:235-268) and the expectations of its tests: without {@code parallel_roles} one
 * {@code on()} with all the hosts, a host's roles in turn (K:test/cli/app_test.rb:57-62); with it one {@code on()}
 * per role, {@code [1.1.1.1, 1.1.1.2]} for web and {@code [1.1.1.1, 1.1.1.3]} for workers
 * (K:test/cli/app_test.rb:65-72, the hosts of K:test/fixtures/deploy_with_parallel_roles.yml).
 */
class RoleLanesTest {
  private static final Role WEB = role("web", "1.1.1.1", "1.1.1.2");
  private static final Role WORKERS = role("workers", "1.1.1.1", "1.1.1.3");
  private static final List<String> HOSTS = List.of("1.1.1.1", "1.1.1.2", "1.1.1.3");

  @Test
  void withoutParallelRolesEachHostRunsItsRolesCommandsInOneLaneOneAfterTheOther() {
    assertThat(lanes(false)).containsExactly(
        "1.1.1.1: stop web@1.1.1.1 ; stop workers@1.1.1.1",
        "1.1.1.2: stop web@1.1.1.2",
        "1.1.1.3: stop workers@1.1.1.3");
  }

  @Test
  void withParallelRolesEachRoleOfAHostIsALaneOfItsOwn() {
    // web's on() with [1.1.1.1, 1.1.1.2], workers' with [1.1.1.1, 1.1.1.3]: 1.1.1.1 runs two lanes at once
    assertThat(lanes(true)).containsExactly(
        "1.1.1.1: stop web@1.1.1.1",
        "1.1.1.2: stop web@1.1.1.2",
        "1.1.1.1: stop workers@1.1.1.1",
        "1.1.1.3: stop workers@1.1.1.3");
  }

  @Test
  void onlyTheSelectedHostsAndRolesGetALane() {
    // --hosts 1.1.1.1 --roles workers: Kamal's role.hosts & hosts, over the selected roles only
    assertThat(RoleLanes.commands(List.of("1.1.1.1"), List.of(WORKERS), true, RoleLanesTest::stop).stream()
        .map(lane -> lane.host() + ": " + lane.command())).containsExactly("1.1.1.1: stop workers@1.1.1.1");
    assertThat(RoleLanes.commands(List.of("1.1.1.2"), List.of(WEB, WORKERS), false, RoleLanesTest::stop).stream()
        .map(lane -> lane.host() + ": " + lane.command())).containsExactly("1.1.1.2: stop web@1.1.1.2");
  }

  private static List<String> lanes(boolean parallelRoles) {
    return RoleLanes.commands(HOSTS, List.of(WEB, WORKERS), parallelRoles, RoleLanesTest::stop).stream()
        .map(lane -> lane.host() + ": " + lane.command())
        .toList();
  }

  private static String stop(String host, Role role) {
    return "stop " + role.name() + "@" + host;
  }

  private static Role role(String name, String... hosts) {
    return new Role(name, Arrays.stream(hosts).map(Host::new).toList(), null, EnvConfig.EMPTY, Map.of(), Map.of(),
        null, LoggingConfig.NONE, null, null);
  }
}

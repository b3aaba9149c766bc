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
 * How a boot group's hosts and roles become lanes run at the same time, against Kamal's {@code on_roles} and its
 * tests: without {@code parallel_roles} one lane per host with its roles in turn ({@code on(hosts)} with
 * {@code [1.1.1.1, 1.1.1.2, 1.1.1.3]}, K:test/cli/app_test.rb:57-62), with it one lane per role and host (one
 * {@code on()} per role: {@code [1.1.1.1, 1.1.1.2]} for web and {@code [1.1.1.1, 1.1.1.3]} for workers,
 * K:test/cli/app_test.rb:65-72; the hosts of K:test/fixtures/deploy_with_parallel_roles.yml).
 */
class BootLaneTest {
  private static final Role WEB = role("web", "1.1.1.1", "1.1.1.2");
  private static final Role WORKERS = role("workers", "1.1.1.1", "1.1.1.3");
  private static final List<String> HOSTS = List.of("1.1.1.1", "1.1.1.2", "1.1.1.3");

  @Test
  void withoutParallelRolesEachHostIsOneLaneWithItsRolesInTurn() {
    assertThat(lanes(BootLane.plan(HOSTS, List.of(WEB, WORKERS), false)))
        .containsExactly("1.1.1.1: web, workers", "1.1.1.2: web", "1.1.1.3: workers");
  }

  @Test
  void withParallelRolesEachRoleOfAHostIsALaneOfItsOwnTheBarriersRoleFirst() {
    assertThat(lanes(BootLane.plan(HOSTS, List.of(WEB, WORKERS), true)))
        .containsExactly("1.1.1.1: web", "1.1.1.2: web", "1.1.1.1: workers", "1.1.1.3: workers");
  }

  @Test
  void aBootGroupKeepsOnlyItsOwnHosts() {
    // boot/limit: 1 makes 1.1.1.2 a group of its own; with parallel_roles, only web runs there (role.hosts & hosts)
    assertThat(lanes(BootLane.plan(List.of("1.1.1.2"), List.of(WEB, WORKERS), true))).containsExactly("1.1.1.2: web");
    assertThat(lanes(BootLane.plan(List.of("1.1.1.3"), List.of(WEB, WORKERS), false)))
        .containsExactly("1.1.1.3: workers");
  }

  @Test
  void aLaneFailureNamesItsRoleOnlyWhenItHasOne() {
    assertThat(new BootLane("1.1.1.1", List.of(WEB)).roleLabel()).isEqualTo("web");
    assertThat(new BootLane("1.1.1.1", List.of(WEB, WORKERS)).roleLabel()).isEqualTo("*");
  }

  private static List<String> lanes(List<BootLane> lanes) {
    return lanes.stream()
        .map(lane -> lane.host() + ": " + String.join(", ", lane.roles().stream().map(Role::name).toList()))
        .toList();
  }

  private static Role role(String name, String... hosts) {
    return new Role(name, Arrays.stream(hosts).map(Host::new).toList(), null, EnvConfig.EMPTY, Map.of(), Map.of(),
        null, LoggingConfig.NONE, null, null);
  }
}

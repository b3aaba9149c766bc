package io.sextant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.SextantException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSelectionTest {
  @TempDir Path dir;
  DeployConfig config;

  @BeforeEach
  void load() throws Exception {
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/deploy.yml"), String.join("\n",
        "service: app",
        "image: app",
        "builder: {arch: amd64}",
        "registry: {username: u, password: p}",
        "primary_role: web",
        "servers:",
        "  workers:",
        "    hosts: [w1, shared]",
        "  web:",
        "    hosts: [web1, web2, shared]",
        "    proxy: false",
        "  cron-daily:",
        "    hosts: [c1]",
        ""));
    config = ConfigLoader.load(new ConfigRequest(dir, "config/deploy.yml", null, "v1", Map.of())).config();
  }

  @Test
  void withoutFiltersEveryHostIsSelectedPrimaryRoleFirst() {
    HostSelection selection = HostSelection.all(config);
    assertThat(selection.hosts()).containsExactly("web1", "web2", "shared", "w1", "c1");
    assertThat(selection.roles()).isNull();
    assertThat(selection.rolesToHosts()).containsOnlyKeys("workers", "web", "cron-daily");
  }

  @Test
  void rolesFilterTakesWildcardsAndKeepsThePrimaryRolesHostsFirst() {
    HostSelection selection = HostSelection.select(config, null, "cron-*,web", false);
    assertThat(selection.roles()).containsExactly("cron-daily", "web");
    assertThat(selection.hosts()).containsExactly("web1", "web2", "shared", "c1");
    assertThat(selection.rolesToHosts()).containsOnlyKeys("web", "cron-daily");
  }

  @Test
  void hostsFilterNarrowsRolesToTheirSelectedHosts() {
    HostSelection selection = HostSelection.select(config, "web2,w1", null, false);
    assertThat(selection.hosts()).containsExactly("web2", "w1");
    assertThat(selection.rolesToHosts()).isEqualTo(Map.of("web", List.of("web2"), "workers", List.of("w1")));
    assertThat(selection.appHosts()).containsExactly("web2", "w1");
  }

  @Test
  void onlyNarrowsToAGroupAndKeepsTheRoleFilter() {
    // Kamal's with_specific_hosts (K:lib/kamal/commander.rb with_specific_hosts, specifics.rb specified_roles)
    HostSelection web = HostSelection.select(config, null, "web", false).only(List.of("shared", "w1"));
    assertThat(web.hosts()).containsExactly("shared");
    assertThat(web.roles()).containsExactly("web");
    assertThat(web.rolesToHosts()).containsExactly(Map.entry("web", List.of("shared")));

    HostSelection one = HostSelection.all(config).only(List.of("shared"));
    assertThat(one.rolesToHosts()).containsExactly(Map.entry("workers", List.of("shared")),
        Map.entry("web", List.of("shared")));
    assertThat(one.appHosts()).containsExactly("shared");
  }

  @Test
  void primaryKeepsOnlyTheFirstSelectedHost() {
    assertThat(HostSelection.select(config, null, null, true).hosts()).containsExactly("web1");
    assertThat(HostSelection.select(config, null, "workers", true).hosts()).containsExactly("w1");
  }

  @Test
  void aFilterThatMatchesNothingIsAUsageErrorNamingWhatExists() {
    assertThatThrownBy(() -> HostSelection.select(config, null, "db", false))
        .isInstanceOf(SextantException.class)
        .hasMessage("No roles match --roles 'db'; configured roles: workers, web, cron-daily")
        .extracting(e -> ((SextantException) e).exitCode()).isEqualTo(2);
    assertThatThrownBy(() -> HostSelection.select(config, "nope*", "web", false))
        .hasMessageStartingWith("No hosts match --hosts 'nope*' within --roles 'web'");
  }
}

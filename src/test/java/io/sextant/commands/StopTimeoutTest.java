package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.DeployConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code -t} of every {@code docker stop}, after Kamal's {@code test/commands/app_test.rb} at v2.12.0 (lines
 * 95-127), whose configuration is {@code @config} of line 7: roles {@code web} (the primary role, so behind
 * kamal-proxy) and {@code workers}. Kamal's strings start with its own lookup of the running container; the part
 * that carries the timeout, after the pipe, is compared to the letter.
 */
class StopTimeoutTest {
  @TempDir Path dir;

  private DeployConfig load(String extra, String servers) throws IOException {
    Path file = dir.resolve("config/deploy.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "service: app\nimage: dhh/app\nregistry:\n  username: dhh\n  password: secret\n"
        + "env:\n  secret:\n    - RAILS_MASTER_KEY\nbuilder:\n  arch: amd64\n" + servers + extra);
    Files.createDirectories(dir.resolve(".kamal"));
    Files.writeString(dir.resolve(".kamal/secrets"), "RAILS_MASTER_KEY=456\n");
    return ConfigLoader.load(new ConfigRequest(dir, null, null, "999", Map.of())).config();
  }

  private static final String WEB_AND_WORKERS = "servers:\n  web:\n    - 1.1.1.1\n  workers:\n    - 1.1.1.2\n";

  private static String stopCurrent(DeployConfig config, String role) {
    return AppCommands.of(config, config.role(role).orElseThrow(), "999")
        .stopCurrent(config.stopTimeoutFor(config.role(role).orElseThrow()));
  }

  /** app_test.rb:95-99 and the workers half of 101-110 with the default drain_timeout of 30. */
  @Test
  void theProxiedRoleUsesDockersDefaultAndOthersTheDrainTimeout() throws IOException {
    DeployConfig config = load("", WEB_AND_WORKERS);
    assertThat(stopCurrent(config, "web")).endsWith("| head -1 | xargs -r docker stop");
    assertThat(stopCurrent(config, "workers")).endsWith("| head -1 | xargs -r docker stop -t 30");
  }

  /** app_test.rb:101-110: {@code drain_timeout: 20}. */
  @Test
  void stopWithCustomDrainTimeout() throws IOException {
    DeployConfig config = load("drain_timeout: 20\n", WEB_AND_WORKERS);
    assertThat(stopCurrent(config, "web")).endsWith("| head -1 | xargs -r docker stop");
    assertThat(stopCurrent(config, "workers")).endsWith("| head -1 | xargs -r docker stop -t 20");
  }

  /** app_test.rb:112-121: each role's own {@code stop_timeout}, the proxied one included. */
  @Test
  void stopWithStopTimeout() throws IOException {
    DeployConfig config = load("", "servers:\n  web:\n    hosts: [1.1.1.1]\n    stop_timeout: 30\n"
        + "  workers:\n    hosts: [1.1.1.2]\n    cmd: bin/jobs\n    stop_timeout: 60\n");
    assertThat(stopCurrent(config, "web")).endsWith("| head -1 | xargs -r docker stop -t 30");
    assertThat(stopCurrent(config, "workers")).endsWith("| head -1 | xargs -r docker stop -t 60");
  }

  /** The root {@code stop_timeout} (configuration.rb:244-246) wins over drain_timeout for every role. */
  @Test
  void theRootStopTimeoutAppliesToEveryRole() throws IOException {
    DeployConfig config = load("stop_timeout: 45\ndrain_timeout: 20\n", WEB_AND_WORKERS);
    assertThat(stopCurrent(config, "web")).endsWith("| head -1 | xargs -r docker stop -t 45");
    assertThat(stopCurrent(config, "workers")).endsWith("| head -1 | xargs -r docker stop -t 45");
  }

  /** app_test.rb:123-127: a given version, as {@code app stale_containers --stop} stops it. */
  @Test
  void stopWithVersion() throws IOException {
    DeployConfig config = load("", WEB_AND_WORKERS);
    AppCommands web = AppCommands.of(config, config.role("web").orElseThrow(), "999");
    assertThat(web.stop("123", config.stopTimeoutFor(config.role("web").orElseThrow())))
        .isEqualTo("docker container ls --all --filter 'name=^app-web-123$' --quiet | xargs -r docker stop");
    AppCommands workers = AppCommands.of(config, config.role("workers").orElseThrow(), "999");
    assertThat(workers.stop("123", config.stopTimeoutFor(config.role("workers").orElseThrow())))
        .isEqualTo("docker container ls --all --filter 'name=^app-workers-123$' --quiet | xargs -r docker stop -t 30");
  }

  @Test
  void staleVersionsNameTheRoleOfEachVersion() {
    AppCommands web = new AppCommands("app", null, "dhh/app", "web", "999");
    assertThat(web.staleVersions()).isEqualTo("current=$(" + web.currentRunningVersion() + "); "
        + web.listVersions(java.util.List.of("running"))
        + " | while read v; do [ \"$v\" = \"$current\" ] || echo web \"$v\"; done");
  }
}

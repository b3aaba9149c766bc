package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden strings of the release command's container. Its {@code docker run} words are those of Kamal's new {@code app
 * exec} container (K:lib/kamal/commands/app/execution.rb:10-24; K:test/commands/app_test.rb:280-283 "execute in new
 * container": {@code docker run --rm --name app-web-exec-999-… --network kamal --env-file
 * .kamal/apps/app/env/roles/web.env --log-opt max-size="10m" dhh/app:999 bin/rails db:setup}), with its own name,
 * a timeout, and the removal of the container afterwards.
 */
class ReleaseCommandsTest {
  private final ReleaseCommands web = new ReleaseCommands(new AppCommands("app", null, "dhh/app", "web", "999"));
  private final ReleaseCommands staging =
      new ReleaseCommands(new AppCommands("app", "staging", "dhh/app", "web", "999"));

  @Test
  void theContainerIsNamedAfterTheRoleAndVersion() {
    assertThat(web.containerName()).isEqualTo("app-web-release-999");
    assertThat(staging.containerName()).isEqualTo("app-web-staging-release-999");
    assertThat(web.remove()).isEqualTo("docker container rm --force app-web-release-999");
  }

  @Test
  void runIsKamalsNewExecContainerUnderShWithTheRemovalAfterwards() {
    assertThat(web.run(ContainerSpec.defaults(), List.of("bin/rails", "db:setup"), Map.of(), null)).isEqualTo(
        "sh -c 'docker run --rm --name app-web-release-999 --network kamal"
            + " --env-file .kamal/apps/app/env/roles/web.env --log-opt max-size=10m dhh/app:999 bin/rails db:setup"
            + " </dev/null; s=$?; docker container rm --force app-web-release-999 >/dev/null 2>&1; exit $s'");
  }

  @Test
  void envVolumesOptionsAndATimeout() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAMAL_VERSION", "999");
    env.put("KAMAL_HOST", "1.1.1.1");
    ContainerSpec spec = new ContainerSpec("bin/server", Map.of("cap-add", true), Map.of("team", "a"), null,
        Map.of(), List.of("/data:/data"));
    assertThat(web.run(spec, List.of("sh", "-c", "echo \"$DB\" && migrate"), env, 600)).isEqualTo(
        "sh -c 'timeout -k 10 600 docker run --rm --name app-web-release-999 --network kamal"
            + " --env-file .kamal/apps/app/env/roles/web.env --env KAMAL_VERSION=999 --env KAMAL_HOST=1.1.1.1"
            + " --log-opt max-size=10m --volume /data:/data --cap-add dhh/app:999"
            + " sh -c '\\''echo \"$DB\" && migrate'\\'' </dev/null; s=$?;"
            + " docker container rm --force app-web-release-999 >/dev/null 2>&1; exit $s'");
  }

  @Test
  void aOneOffContainerHasNoRestartPolicyNorPublishedPorts() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("restart", "on-failure");
    options.put("publish", List.of("80:80"));
    options.put("p", "443:443");
    options.put("mount", "somewhere");
    ContainerSpec spec = new ContainerSpec(null, options, Map.of(), null, Map.of(), List.of());
    // K:test/commands/app_test.rb:321-328: the exec container never gets --restart
    assertThat(web.run(spec, List.of("x"), Map.of(), null))
        .contains("--log-opt max-size=10m --mount somewhere dhh/app:999 x")
        .doesNotContain("--restart").doesNotContain("--publish").doesNotContain(" -p ").doesNotContain("--p ");
  }

  @Test
  void prepareWritesTheEnvFileFromStdinThenTheNetworkThenRemovesALeftover() {
    StepScript prepare = web.prepare();
    // the env file as the boot writes it (AppCommandsTest pins the line)
    assertThat(prepare.render()).contains("""
        ( %s
        ) 2>"$sx_t" || sx_failed 1 $?; sx_err
        ( docker network inspect kamal >/dev/null 2>&1 || docker network create kamal
        ) </dev/null 2>"$sx_t" || sx_failed 2 $?; sx_err
        ( docker container rm --force app-web-release-999 >/dev/null 2>&1 || true
        ) </dev/null 2>"$sx_t" || sx_failed 3 $?; sx_err
        """.formatted(new AppCommands("app", null, "dhh/app", "web", "999").writeEnvFile()));
    assertThat(prepare.read(1, "", "sextant: step 1 failed (exit 1)\ndisk full\n").failedStep())
        .isEqualTo("env file");
  }

  @Test
  void aRunCountsAsTimedOutOnlyWithATimeoutItsExitStatusesAndTheTimeSpent() {
    assertThat(ReleaseCommands.timedOut(5, 124, 5)).isTrue();
    assertThat(ReleaseCommands.timedOut(5, 137, 15)).isTrue();
    assertThat(ReleaseCommands.timedOut(5, 124, 1)).as("the command's own exit 124").isFalse();
    assertThat(ReleaseCommands.timedOut(5, 3, 9)).isFalse();
    assertThat(ReleaseCommands.timedOut(null, 124, 90)).isFalse();
  }
}

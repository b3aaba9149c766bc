package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.commands.AppCommands.Stdin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden strings, after Kamal's {@code test/commands/app_test.rb} (quoting is Sextant's single-quote style). */
class AppCommandsTest {
  private final AppCommands web = new AppCommands("app", null, "dhh/app", "web", "999");
  private final AppCommands staging = new AppCommands("app", "staging", "dhh/app", "web", "999");

  @Test
  void namesContainersLikeKamal() {
    assertThat(web.containerName()).isEqualTo("app-web-999");
    assertThat(staging.containerName()).isEqualTo("app-web-staging-999");
    assertThat(web.containerName("123")).isEqualTo("app-web-123");
    assertThat(web.image()).isEqualTo("dhh/app:999");
    assertThat(web.latestImage()).isEqualTo("dhh/app:latest");
    assertThat(staging.latestImage()).isEqualTo("dhh/app:latest-staging");
  }

  @Test
  void envFileLivesUnderTheAppDirectory() {
    assertThat(web.envFile()).isEqualTo(".kamal/apps/app/env/roles/web.env");
    assertThat(staging.envFile()).isEqualTo(".kamal/apps/app-staging/env/roles/web.env");
    assertThat(web.makeEnvDirectory()).isEqualTo("mkdir -p .kamal/apps/app/env/roles");
    assertThat(web.removeEnvFile()).isEqualTo("rm -f .kamal/apps/app/env/roles/web.env");
    assertThat(web.writeEnvFile()).isEqualTo("mkdir -p .kamal/apps/app/env/roles && umask 077"
        + " && cat > .kamal/apps/app/env/roles/web.env.sextant-tmp"
        + " && chmod 600 .kamal/apps/app/env/roles/web.env.sextant-tmp"
        + " && mv .kamal/apps/app/env/roles/web.env.sextant-tmp .kamal/apps/app/env/roles/web.env");
  }

  @Test
  void run() {
    assertThat(web.run(ContainerSpec.defaults(), "1.1.1.1", null)).isEqualTo(
        "docker run --detach --restart unless-stopped --name app-web-999 --network kamal"
            + " --env KAMAL_CONTAINER_NAME=app-web-999 --env KAMAL_VERSION=999 --env KAMAL_HOST=1.1.1.1"
            + " --env-file .kamal/apps/app/env/roles/web.env --log-opt max-size=10m"
            + " --label service=app --label role=web --label destination dhh/app:999");
  }

  @Test
  void runWithDestinationAndHostname() {
    assertThat(staging.run(ContainerSpec.defaults(), "1.1.1.1", "myhost")).isEqualTo(
        "docker run --detach --restart unless-stopped --name app-web-staging-999 --network kamal --hostname myhost"
            + " --env KAMAL_CONTAINER_NAME=app-web-staging-999 --env KAMAL_VERSION=999 --env KAMAL_HOST=1.1.1.1"
            + " --env KAMAL_DESTINATION=staging --env-file .kamal/apps/app-staging/env/roles/web.env"
            + " --log-opt max-size=10m --label service=app --label role=web --label destination=staging dhh/app:999");
  }

  @Test
  void runWithVolumesLoggingLabelsOptionsAndCmd() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("mount", "somewhere");
    options.put("cap-add", true);
    options.put("add-host", List.of("a:1.2.3.4", "b:5.6.7.8"));
    options.put("ignored", null);
    Map<String, String> logOptions = new LinkedHashMap<>();
    logOptions.put("max-size", "100m");
    logOptions.put("max-file", "3");
    ContainerSpec spec = new ContainerSpec(
        "bin/jobs --queue 'a b'", options, Map.of("team", "it's us"), "local", logOptions,
        List.of("/local/path:/container/path"));

    assertThat(new AppCommands("app", null, "dhh/app", "jobs", "999").run(spec, "1.1.1.2", null)).isEqualTo(
        "docker run --detach --restart unless-stopped --name app-jobs-999 --network kamal"
            + " --env KAMAL_CONTAINER_NAME=app-jobs-999 --env KAMAL_VERSION=999 --env KAMAL_HOST=1.1.1.2"
            + " --env-file .kamal/apps/app/env/roles/jobs.env"
            + " --log-driver local --log-opt max-size=100m --log-opt max-file=3"
            + " --volume /local/path:/container/path"
            + " --label service=app --label role=jobs --label destination --label 'team=it'\\''s us'"
            + " --mount somewhere --cap-add --add-host a:1.2.3.4 --add-host b:5.6.7.8"
            + " dhh/app:999 bin/jobs --queue 'a b'");
  }

  @Test
  void publishedPortsComeFromPublishOrPOptions() {
    ContainerSpec spec = new ContainerSpec(
        null, Map.of("publish", List.of("8080:80", "8443:443")), Map.of(), null, Map.of(), List.of());
    assertThat(spec.publishedPorts()).containsExactly("8080:80", "8443:443");
    assertThat(new ContainerSpec(null, Map.of("p", "80:80"), Map.of(), null, Map.of(), List.of()).publishedPorts())
        .containsExactly("80:80");
    assertThat(ContainerSpec.defaults().publishedPorts()).isEmpty();
  }

  @Test
  void startAndRename() {
    assertThat(web.start()).isEqualTo("docker start app-web-999");
    assertThat(staging.start()).isEqualTo("docker start app-web-staging-999");
    assertThat(web.start("998")).isEqualTo("docker start app-web-998");
    assertThat(web.renameContainer("999", "999_replaced_ab12"))
        .isEqualTo("docker rename app-web-999 app-web-999_replaced_ab12");
  }

  @Test
  void stopWithVersion() {
    assertThat(web.stop("123", null))
        .isEqualTo("docker container ls --all --filter 'name=^app-web-123$' --quiet | xargs -r docker stop");
    assertThat(web.stop("123", 20))
        .isEqualTo("docker container ls --all --filter 'name=^app-web-123$' --quiet | xargs -r docker stop -t 20");
  }

  @Test
  void stopCurrent() {
    assertThat(web.stopCurrent(30)).isEqualTo(
        "sh -c 'c=$(docker ps --latest --quiet --filter label=service=app --filter label=destination="
            + " --filter label=role=web --filter status=running --filter status=restarting --filter ancestor=$(docker"
            + " image ls --filter reference=dhh/app:latest --format '\\''{{.ID}}'\\'')); if [ -n \"$c\" ]; then"
            + " echo \"$c\"; else docker ps --latest --quiet"
            + " --filter label=service=app --filter label=destination= --filter label=role=web --filter status=running"
            + " --filter status=restarting; fi' | head -1 | xargs -r docker stop -t 30");
  }

  @Test
  void status() {
    assertThat(web.status("999")).isEqualTo(
        "docker container ls --all --filter 'name=^app-web-999$' --quiet | xargs -r docker inspect --format"
            + " '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}'");
  }

  @Test
  void info() {
    assertThat(web.info())
        .isEqualTo("docker ps --filter label=service=app --filter label=destination= --filter label=role=web");
    assertThat(staging.info())
        .isEqualTo("docker ps --filter label=service=app --filter label=destination=staging --filter label=role=web");
  }

  @Test
  void containerIdForVersion() {
    assertThat(web.containerIdForVersion("999", false))
        .isEqualTo("docker container ls --all --filter 'name=^app-web-999$' --quiet");
    assertThat(web.containerIdForVersion("999", true))
        .isEqualTo("docker container ls --filter 'name=^app-web-999$' --quiet");
  }

  @Test
  void currentRunningVersion() {
    assertThat(staging.currentRunningVersion()).isEqualTo(
        "sh -c 'c=$(docker ps --latest --format '\\''{{.Names}}'\\'' --filter label=service=app"
            + " --filter label=destination=staging --filter label=role=web --filter status=running"
            + " --filter status=restarting --filter ancestor=$(docker image ls --filter"
            + " reference=dhh/app:latest-staging --format '\\''{{.ID}}'\\'')); if [ -n \"$c\" ]; then"
            + " echo \"$c\"; else docker ps --latest --format"
            + " '\\''{{.Names}}'\\'' --filter label=service=app --filter label=destination=staging"
            + " --filter label=role=web --filter status=running --filter status=restarting; fi' | head -1"
            + " | while read line; do echo ${line#app-web-staging-}; done");
  }

  @Test
  void listVersions() {
    assertThat(web.listVersions(List.of())).isEqualTo(
        "docker ps --filter label=service=app --filter label=destination= --filter label=role=web"
            + " --format '{{.Names}}' | while read line; do echo ${line#app-web-}; done");
    assertThat(web.listVersions(List.of("running"))).isEqualTo(
        "docker ps --filter label=service=app --filter label=destination= --filter label=role=web"
            + " --filter status=running --format '{{.Names}}' | while read line; do echo ${line#app-web-}; done");
  }

  @Test
  void listContainers() {
    assertThat(web.listContainers()).isEqualTo(
        "docker container ls --all --filter label=service=app --filter label=destination= --filter label=role=web");
    assertThat(web.listContainerNames()).isEqualTo(
        "docker container ls --all --filter label=service=app --filter label=destination= --filter label=role=web"
            + " --format '{{ .Names }}'");
    assertThat(staging.listServiceContainers()).isEqualTo(
        "docker container ls --all --filter label=service=app --filter label=destination=staging");
  }

  @Test
  void logs() {
    String current = "sh -c 'c=$(docker ps --latest --quiet --filter label=service=app --filter label=destination="
        + " --filter label=role=web --filter status=running --filter status=restarting --filter ancestor=$(docker"
        + " image ls --filter reference=dhh/app:latest --format '\\''{{.ID}}'\\'')); if [ -n \"$c\" ]; then"
        + " echo \"$c\"; else docker ps --latest --quiet"
        + " --filter label=service=app --filter label=destination= --filter label=role=web --filter status=running"
        + " --filter status=restarting; fi' | head -1";
    // Kamal's test/commands/app_test.rb:178-230 (its grep pattern single-quoted as written, here quoted as needed)
    assertThat(web.logs(null, true, null, null, null, null))
        .isEqualTo(current + " | xargs docker logs --timestamps 2>&1");
    assertThat(web.logs(null, true, "5m", 100, "my-id", "-C 2")).isEqualTo(
        current + " | xargs docker logs --timestamps --since 5m --tail 100 2>&1 | grep my-id -C 2");
    // app_test.rb:184-188: --container-id
    assertThat(web.logs("C137", true, null, null, "it's", null))
        .isEqualTo("echo C137 | xargs docker logs --timestamps 2>&1 | grep 'it'\\''s'");
    // -T: lib/kamal/commands/app/logging.rb:5 leaves --timestamps out
    assertThat(web.logs(null, false, "5m", null, null, null))
        .isEqualTo(current + " | xargs docker logs --since 5m 2>&1");
  }

  @Test
  void followLogs() {
    // Kamal's test/commands/app_test.rb:232-256, inside its ssh -t wrapper: --tail before --follow, no --since
    assertThat(web.followLogs("ID321", true, null, null, null))
        .isEqualTo("echo ID321 | xargs docker logs --timestamps --follow 2>&1");
    assertThat(web.followLogs("ID321", true, 123, "Completed", null))
        .isEqualTo("echo ID321 | xargs docker logs --timestamps --tail 123 --follow 2>&1 | grep Completed");
    assertThat(web.followLogs("ID321", false, 123, "Completed", "-C 2"))
        .isEqualTo("echo ID321 | xargs docker logs --tail 123 --follow 2>&1 | grep Completed -C 2");
    assertThat(web.followLogs(null, true, 10, null, null)).startsWith("sh -c ")
        .endsWith(" | head -1 | xargs docker logs --timestamps --tail 10 --follow 2>&1");
  }

  @Test
  void containerLogsForFailureReports() {
    assertThat(web.containerLogs("999", 20)).isEqualTo("docker logs --tail 20 app-web-999 2>&1");
  }

  @Test
  void execute() {
    assertThat(web.executeInExistingContainer(List.of("bin/rails", "db:setup"), Map.of("foo", "bar"), Stdin.NONE))
        .isEqualTo("docker exec --env foo=bar app-web-999 bin/rails db:setup");
    // Kamal's test/commands/app_test.rb:361-369: -it from a terminal, -i from piped input
    assertThat(web.executeInExistingContainer(List.of("bin/rails", "c"), Map.of(), Stdin.TERMINAL))
        .isEqualTo("docker exec -it app-web-999 bin/rails c");
    assertThat(web.executeInExistingContainer(List.of("bin/rails", "c"), Map.of(), Stdin.PIPED))
        .isEqualTo("docker exec -i app-web-999 bin/rails c");
    ContainerSpec spec = new ContainerSpec(null, Map.of("cap-add", true), Map.of(), null, Map.of(), List.of());
    // Kamal's test/commands/app_test.rb:293-297 and 314-319 (the name ends in six random hex digits)
    assertThat(web.executeInNewContainer(spec, List.of("bin/rails", "db:setup"), Map.of("foo", "bar"), Stdin.NONE,
        false, "0a1b2c")).isEqualTo("docker run --rm --name app-web-exec-999-0a1b2c --network kamal"
            + " --env-file .kamal/apps/app/env/roles/web.env --env foo=bar --log-opt max-size=10m --cap-add"
            + " dhh/app:999 bin/rails db:setup");
    // app_test.rb:299-303: --detach instead of --rm
    assertThat(web.executeInNewContainer(ContainerSpec.defaults(), List.of("bin/rails", "db:setup"), Map.of(),
        Stdin.NONE, true, "abcdef")).isEqualTo("docker run --detach --name app-web-exec-999-abcdef --network kamal"
            + " --env-file .kamal/apps/app/env/roles/web.env --log-opt max-size=10m dhh/app:999 bin/rails db:setup");
    assertThat(web.executeInNewContainer(ContainerSpec.defaults(), List.of("x"), Map.of(), Stdin.TERMINAL, false,
        "123456")).startsWith("docker run -it --rm --name app-web-exec-999-123456 ");
    assertThat(web.executeInNewContainer(ContainerSpec.defaults(), List.of("x"), Map.of(), Stdin.PIPED, false,
        "123456")).startsWith("docker run -i --rm --name app-web-exec-999-123456 ");
  }

  @Test
  void executeInNewContainerLeavesTheRestartPolicyOut() {
    // Kamal's test/commands/app_test.rb:321-328
    Map<String, Object> options = new java.util.LinkedHashMap<>();
    options.put("restart", "on-failure");
    options.put("mount", "somewhere");
    ContainerSpec spec = new ContainerSpec(null, options, Map.of(), null, Map.of(), List.of());
    assertThat(web.executeInNewContainer(spec, List.of("bin/rails", "db:setup"), Map.of(), Stdin.NONE, false,
        "0a1b2c"))
        .isEqualTo("docker run --rm --name app-web-exec-999-0a1b2c --network kamal"
            + " --env-file .kamal/apps/app/env/roles/web.env --log-opt max-size=10m --mount somewhere"
            + " dhh/app:999 bin/rails db:setup");
  }

  @Test
  void removal() {
    assertThat(web.removeContainer("999"))
        .isEqualTo("docker container ls --all --filter 'name=^app-web-999$' --quiet | xargs -r docker container rm");
    assertThat(staging.removeContainers()).isEqualTo(
        "docker container prune --force --filter label=service=app --filter label=destination=staging"
            + " --filter label=role=web");
    assertThat(web.removeImages()).isEqualTo(
        "docker image prune --all --force --filter label=service=app");
    assertThat(web.listImages("dhh/app")).isEqualTo("docker image ls dhh/app");
    assertThat(web.removeAppDirectory()).isEqualTo("rm -r .kamal/apps/app"); // test/cli/app_test.rb:358
  }

  @Test
  void tagLatestImage() {
    assertThat(web.tagLatestImage()).isEqualTo("docker tag dhh/app:999 dhh/app:latest");
    assertThat(staging.tagLatestImage()).isEqualTo("docker tag dhh/app:999 dhh/app:latest-staging");
  }
}

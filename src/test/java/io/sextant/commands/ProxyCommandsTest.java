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
 * Golden strings of the kamal-proxy commands, each equal to Kamal 2.12's {@code test/commands/proxy_test.rb}
 * (line numbers cited) for the same configuration, loaded from YAML as a user writes it.
 */
class ProxyCommandsTest {
  @TempDir Path dir;

  /** Kamal's test configuration (proxy_test.rb:5-7). */
  static final String BASE = """
      service: app
      image: dhh/app
      registry:
        username: dhh
        password: secret
      servers:
        - 1.1.1.1
      builder:
        arch: amd64
      """;

  private static final String DOCKER_RUN = "docker run --name kamal-proxy --network kamal --detach --restart "
      + "unless-stopped --volume kamal-proxy-config:/home/kamal-proxy/.config/kamal-proxy "
      + "--volume $PWD/.kamal/proxy/apps-config:/home/kamal-proxy/.apps-config";

  private ProxyCommands commands(String extra) throws IOException {
    return commands(extra, null);
  }

  private ProxyCommands commands(String extra, String destination) throws IOException {
    return commands(extra, destination, "env:\n  clear:\n    STAGE: staging\n");
  }

  private ProxyCommands commands(String extra, String destination, String destinationYaml) throws IOException {
    Path file = dir.resolve("config/deploy.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, BASE + extra);
    if (destination != null) {
      Files.writeString(dir.resolve("config/deploy." + destination + ".yml"), destinationYaml);
    }
    DeployConfig config = ConfigLoader.load(new ConfigRequest(dir, null, destination, "123", Map.of())).config();
    return ProxyCommands.of(config, "1.1.1.1");
  }

  @Test
  void runFromTheBootConfigFilesWithoutProxyRun() throws IOException {
    // proxy_test.rb:16-20 and 22-28 (with and without a proxy: section)
    String expected = "echo $(cat .kamal/proxy/options 2> /dev/null || echo \"--publish 80:80 --publish 443:443 "
        + "--log-opt max-size=10m\") $(cat .kamal/proxy/image 2> /dev/null || echo \"basecamp/kamal-proxy\"):"
        + "$(cat .kamal/proxy/image_version 2> /dev/null || echo \"v0.9.2\") $(cat .kamal/proxy/run_command "
        + "2> /dev/null || echo \"\") | xargs " + DOCKER_RUN;
    assertThat(commands("").run()).isEqualTo(expected);
    assertThat(commands("proxy:\n  host: app.example.com\n").run()).isEqualTo(expected);
  }

  @Test
  void sameCommandsWithADestination() throws IOException {
    // The proxy is shared by every app and destination on a host: nothing in its commands names them.
    ProxyCommands staging = commands("", "staging");
    ProxyCommands plain = commands("");
    assertThat(staging.run()).isEqualTo(plain.run());
    assertThat(staging.startOrRun()).isEqualTo(plain.startOrRun());
    assertThat(staging.bootConfig()).isEqualTo(plain.bootConfig());
  }

  @Test
  void startStopInfo() throws IOException {
    ProxyCommands proxy = commands("");
    assertThat(proxy.start()).isEqualTo("docker container start kamal-proxy"); // proxy_test.rb:30-34
    assertThat(proxy.stop()).isEqualTo("docker container stop kamal-proxy"); // proxy_test.rb:36-40
    assertThat(proxy.info()).isEqualTo("docker ps --filter 'name=^kamal-proxy$'"); // proxy_test.rb:42-46
  }

  @Test
  void startOrRunCombinesStartAndRun() throws IOException {
    // commands/proxy.rb start_or_run: combine start, run, by: "||"
    ProxyCommands proxy = commands("proxy:\n  run:\n    version: v1.2.3\n");
    assertThat(proxy.startOrRun()).isEqualTo("docker container start kamal-proxy || " + DOCKER_RUN
        + " --publish 80:80 --publish 443:443 --log-opt max-size=10m basecamp/kamal-proxy:v1.2.3 kamal-proxy run");
  }

  @Test
  void logs() throws IOException {
    ProxyCommands proxy = commands("");
    // proxy_test.rb:48-76
    assertThat(proxy.logs(true, null, null, null, null)).isEqualTo("docker logs kamal-proxy --timestamps 2>&1");
    assertThat(proxy.logs(true, "2h", null, null, null))
        .isEqualTo("docker logs kamal-proxy --since 2h --timestamps 2>&1");
    assertThat(proxy.logs(true, null, 10, null, null))
        .isEqualTo("docker logs kamal-proxy --tail 10 --timestamps 2>&1");
    assertThat(proxy.logs(false, null, null, null, null)).isEqualTo("docker logs kamal-proxy 2>&1");
    assertThat(proxy.logs(true, null, null, "hello!", null))
        .isEqualTo("docker logs kamal-proxy --timestamps 2>&1 | grep 'hello!'");
  }

  @Test
  void followLogsIsWhatKamalRunsInsideItsSshCommand() throws IOException {
    // proxy_test.rb:90-100: Kamal wraps this in `ssh -t root@1.1.1.1 -p 22 '...'`; Sextant opens the session
    // itself, so only the remote part is ours to build (the grep pattern quoted in Sextant's single-quote style).
    ProxyCommands proxy = commands("");
    assertThat(proxy.followLogs(true, null, null))
        .isEqualTo("docker logs kamal-proxy --timestamps --tail 10 --follow 2>&1");
    assertThat(proxy.followLogs(true, "hello!", null))
        .isEqualTo("docker logs kamal-proxy --timestamps --tail 10 --follow 2>&1 | grep 'hello!'");
  }

  @Test
  void removal() throws IOException {
    ProxyCommands proxy = commands("");
    assertThat(proxy.removeContainer()) // proxy_test.rb:78-82
        .isEqualTo("docker container prune --force --filter label=org.opencontainers.image.title=kamal-proxy");
    assertThat(proxy.removeImage()) // proxy_test.rb:84-88
        .isEqualTo("docker image prune --all --force --filter label=org.opencontainers.image.title=kamal-proxy");
    assertThat(proxy.removeProxyDirectory()).isEqualTo("rm -r .kamal/proxy"); // commands/base.rb remove_directory
  }

  @Test
  void upgradeRemovesTraefikThenTheProxyContainerAndImage() throws IOException {
    ProxyCommands proxy = commands("");
    // K:test/cli/proxy_test.rb:188 (and :227, per host with --rolling)
    String traefik = "docker container stop traefik ; docker container prune --force --filter "
        + "label=org.opencontainers.image.title=Traefik && docker image prune --all --force --filter "
        + "label=org.opencontainers.image.title=Traefik";
    assertThat(proxy.cleanupTraefik()).isEqualTo(traefik);
    // K:test/cli/proxy_test.rb:189-191, in the order of K:lib/kamal/cli/proxy.rb:149-157; the stop may fail
    // (raise_on_non_zero_exit: false), the rest may not
    assertThat(proxy.removeTraefikAndProxy()).isEqualTo("{ " + traefik + "; } && { docker container stop kamal-proxy"
        + " || true; } && docker container prune --force --filter label=org.opencontainers.image.title=kamal-proxy"
        + " && docker image prune --all --force --filter label=org.opencontainers.image.title=kamal-proxy");
  }

  @Test
  void version() throws IOException {
    // proxy_test.rb:102-106
    assertThat(commands("").version())
        .isEqualTo("docker inspect kamal-proxy --format '{{.Config.Image}}' | awk -F: '{print $NF}'");
  }

  @Test
  void bootConfigFiles() throws IOException {
    ProxyCommands proxy = commands("");
    assertThat(proxy.ensureProxyDirectory()).isEqualTo("mkdir -p .kamal/proxy"); // proxy_test.rb:108-112
    assertThat(proxy.readBootOptions()).isEqualTo( // proxy_test.rb:114-118
        "cat .kamal/proxy/options 2> /dev/null || echo \"--publish 80:80 --publish 443:443 --log-opt max-size=10m\"");
    assertThat(proxy.readImage()) // proxy_test.rb:120-124
        .isEqualTo("cat .kamal/proxy/image 2> /dev/null || echo \"basecamp/kamal-proxy\"");
    assertThat(proxy.readImageVersion()) // proxy_test.rb:126-130
        .isEqualTo("cat .kamal/proxy/image_version 2> /dev/null || echo \"v0.9.2\"");
    assertThat(proxy.readRunCommand()) // proxy_test.rb:132-136
        .isEqualTo("cat .kamal/proxy/run_command 2> /dev/null || echo \"\"");
    assertThat(proxy.resetBootOptions()).isEqualTo("rm .kamal/proxy/options"); // proxy_test.rb:138-142
    assertThat(proxy.resetImage()).isEqualTo("rm .kamal/proxy/image"); // proxy_test.rb:144-148
    assertThat(proxy.resetImageVersion()).isEqualTo("rm .kamal/proxy/image_version"); // proxy_test.rb:150-154
    assertThat(proxy.ensureAppsConfigDirectory()) // proxy_test.rb:156-160
        .isEqualTo("mkdir -p .kamal/proxy/apps-config");
    assertThat(proxy.resetRunCommand()).isEqualTo("rm .kamal/proxy/run_command"); // proxy_test.rb:162-166
  }

  @Test
  void bootConfigPrintsTheFourFilesOrTheirDefaults() throws IOException {
    // commands/proxy.rb boot_config; the same text run() pipes into xargs (proxy_test.rb:18)
    assertThat(commands("").bootConfig()).isEqualTo("echo $(cat .kamal/proxy/options 2> /dev/null || echo "
        + "\"--publish 80:80 --publish 443:443 --log-opt max-size=10m\") $(cat .kamal/proxy/image 2> /dev/null || "
        + "echo \"basecamp/kamal-proxy\"):$(cat .kamal/proxy/image_version 2> /dev/null || echo \"v0.9.2\") "
        + "$(cat .kamal/proxy/run_command 2> /dev/null || echo \"\")");
  }

  @Test
  void registryRunConfig() throws IOException {
    // proxy_test.rb:168-173
    assertThat(commands("proxy:\n  run:\n    registry: registry:4443\n").run()).isEqualTo(DOCKER_RUN
        + " --publish 80:80 --publish 443:443 --log-opt max-size=10m registry:4443/basecamp/kamal-proxy:v0.9.2"
        + " kamal-proxy run");
  }

  @Test
  void repositoryRunConfig() throws IOException {
    // proxy_test.rb:175-180
    assertThat(commands("proxy:\n  run:\n    repository: custom/repo\n").run()).isEqualTo(DOCKER_RUN
        + " --publish 80:80 --publish 443:443 --log-opt max-size=10m custom/repo:v0.9.2 kamal-proxy run");
  }

  @Test
  void imageVersionRunConfig() throws IOException {
    // proxy_test.rb:182-187
    assertThat(commands("proxy:\n  run:\n    version: v1.2.3\n").run()).isEqualTo(DOCKER_RUN
        + " --publish 80:80 --publish 443:443 --log-opt max-size=10m basecamp/kamal-proxy:v1.2.3 kamal-proxy run");
  }

  @Test
  void bindIpsRunConfig() throws IOException {
    // proxy_test.rb:189-194
    assertThat(commands("proxy:\n  run:\n    bind_ips: [0.0.0.0, 127.0.0.1]\n").run()).isEqualTo(DOCKER_RUN
        + " --publish 0.0.0.0:80:80 --publish 0.0.0.0:443:443 --publish 127.0.0.1:80:80 --publish 127.0.0.1:443:443"
        + " --log-opt max-size=10m basecamp/kamal-proxy:v0.9.2 kamal-proxy run");
  }

  @Test
  void ipv6BindAddressesAreBracketed() throws IOException {
    // configuration/proxy/run.rb format_bind_ip
    assertThat(commands("proxy:\n  run:\n    bind_ips: ['::1']\n    http_port: 8080\n").run()).isEqualTo(DOCKER_RUN
        + " --publish [::1]:8080:80 --publish [::1]:443:443 --log-opt max-size=10m basecamp/kamal-proxy:v0.9.2"
        + " kamal-proxy run");
  }

  @Test
  void logMaxSizeRunConfig() throws IOException {
    // proxy_test.rb:196-201
    assertThat(commands("proxy:\n  run:\n    log_max_size: 50m\n").run()).isEqualTo(DOCKER_RUN
        + " --publish 80:80 --publish 443:443 --log-opt max-size=50m basecamp/kamal-proxy:v0.9.2 kamal-proxy run");
  }

  @Test
  void debugRunConfig() throws IOException {
    // proxy_test.rb:203-208
    assertThat(commands("proxy:\n  run:\n    debug: true\n").run()).isEqualTo(DOCKER_RUN
        + " --publish 80:80 --publish 443:443 --log-opt max-size=10m basecamp/kamal-proxy:v0.9.2 kamal-proxy run"
        + " --debug");
  }

  @Test
  void metricsPortRunConfig() throws IOException {
    // proxy_test.rb:210-215
    assertThat(commands("proxy:\n  run:\n    metrics_port: 9090\n").run()).isEqualTo(DOCKER_RUN
        + " --publish 80:80 --publish 443:443 --log-opt max-size=10m --expose=9090 basecamp/kamal-proxy:v0.9.2"
        + " kamal-proxy run --metrics-port \"9090\"");
  }

  @Test
  void unpublishedRunConfig() throws IOException {
    // proxy_test.rb:217-222
    assertThat(commands("proxy:\n  run:\n    publish: false\n").run()).isEqualTo(DOCKER_RUN
        + " --log-opt max-size=10m basecamp/kamal-proxy:v0.9.2 kamal-proxy run");
  }

  @Test
  void dockerOptionsAndPortsRunConfig() throws IOException {
    // configuration/docs/proxy.yml run example; options through Kamal::Utils.optionize (escaped values)
    String yaml = """
        proxy:
          run:
            http_port: 8080
            https_port: 8443
            log_max_size: ""
            options:
              label:
                - custom.label=kamal-proxy
              memory: 512m
              cpus: 0.5
              read-only: true
        """;
    assertThat(commands(yaml).run()).isEqualTo(DOCKER_RUN
        + " --publish 8080:80 --publish 8443:443 --label \"custom.label=kamal-proxy\" --memory \"512m\""
        + " --cpus \"0.5\" --read-only basecamp/kamal-proxy:v0.9.2 kamal-proxy run");
  }

  @Test
  void roleRunInheritsTheRootRunWithADestination() throws IOException {
    // run_test.rb:32-57: a role's proxy settings are merged over the root ones; here the destination's file gives
    // the role its own run setting, on top of the root's
    String yaml = """
        proxy:
          host: example.com
          run:
            log_max_size: 20m
            version: v0.9.3
        """;
    String staging = """
        servers:
          web:
            hosts: [1.1.1.1]
            proxy:
              app_port: 3000
              run:
                log_max_size: 30m
        """;
    assertThat(commands(yaml, "staging", staging).run()).isEqualTo(DOCKER_RUN
        + " --publish 80:80 --publish 443:443 --log-opt max-size=30m basecamp/kamal-proxy:v0.9.3 kamal-proxy run");
  }
}

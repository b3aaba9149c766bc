package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.config.Accessory;
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
 * Golden strings of the accessory command lines, each equal to Kamal 2.12's expectation in
 * https://github.com/basecamp/kamal/blob/v2.12.0/test/commands/accessory_test.rb (cited per test by line) or
 * test/cli/accessory_test.rb, from the same configuration as those tests.
 */
class AccessoryCommandsTest {
  @TempDir Path dir;

  /** The configuration of test/commands/accessory_test.rb#L7-L53. */
  private static final String CONFIG = """
      service: app
      image: dhh/app
      registry: {server: private.registry, username: dhh, password: secret}
      servers: [1.1.1.1]
      builder: {arch: amd64}
      %s
      accessories:
        mysql:
          image: private.registry/mysql:8.0
          host: 1.1.1.5
          port: "3306"
          env:
            clear: {MYSQL_ROOT_HOST: "%%"}
            secret: [MYSQL_ROOT_PASSWORD]
          options: {cpus: "4", memory: 2GB%s}
          %s
        redis:
          image: redis:latest
          host: 1.1.1.6
          port: "6379:6379"
          labels: {cache: "true"}
          env: {SOMETHING: else}
          volumes: [/var/lib/redis:/data]
        busybox:
          service: custom-busybox
          image: busybox:latest
          registry: {server: other.registry, username: user, password: pw}
          host: 1.1.1.7
          proxy: {host: busybox.example.com}
      """;

  private AccessoryCommands command(String name) throws IOException {
    return command(name, "", "", "");
  }

  private AccessoryCommands command(String name, String root, String mysqlOption, String mysqlKey) throws IOException {
    Path file = dir.resolve("config/deploy.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, CONFIG.formatted(root, mysqlOption, mysqlKey));
    DeployConfig config = ConfigLoader.load(new ConfigRequest(dir, null, null, null, Map.of())).config();
    Accessory accessory = config.accessories().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    return AccessoryCommands.of(config, accessory);
  }

  @Test
  void run() throws IOException {
    // accessory_test.rb#L62-L74
    assertThat(command("mysql").run(null)).isEqualTo("docker run --name app-mysql --detach --restart unless-stopped"
        + " --network kamal --log-opt max-size=\"10m\" --publish 3306:3306 --env MYSQL_ROOT_HOST=\"%\""
        + " --env-file .kamal/apps/app/env/accessories/mysql.env --label service=\"app-mysql\" --cpus \"4\""
        + " --memory \"2GB\" private.registry/mysql:8.0");
    assertThat(command("redis").run(null)).isEqualTo("docker run --name app-redis --detach --restart unless-stopped"
        + " --network kamal --log-opt max-size=\"10m\" --publish 6379:6379 --env SOMETHING=\"else\""
        + " --env-file .kamal/apps/app/env/accessories/redis.env --volume /var/lib/redis:/data"
        + " --label service=\"app-redis\" --label cache=\"true\" redis:latest");
    assertThat(command("busybox").run(null)).isEqualTo("docker run --name custom-busybox --detach --restart"
        + " unless-stopped --network kamal --log-opt max-size=\"10m\""
        + " --env-file .kamal/apps/app/env/accessories/busybox.env --label service=\"custom-busybox\""
        + " other.registry/busybox:latest");
  }

  @Test
  void runOnAHostSetsKamalHost() throws IOException {
    // test/cli/accessory_test.rb#L12-L20 (the host's KAMAL_HOST after --publish)
    assertThat(command("redis").run("1.1.1.1")).contains("--publish 6379:6379 --env KAMAL_HOST=\"1.1.1.1\""
        + " --env SOMETHING=\"else\"");
  }

  @Test
  void runWithLoggingConfig() throws IOException {
    // accessory_test.rb#L76-L82
    String logging = "logging: {driver: local, options: {max-size: 100m, max-file: \"3\"}}";
    assertThat(command("busybox", logging, "", "").run(null)).isEqualTo("docker run --name custom-busybox --detach"
        + " --restart unless-stopped --network kamal --log-driver \"local\" --log-opt max-size=\"100m\""
        + " --log-opt max-file=\"3\" --env-file .kamal/apps/app/env/accessories/busybox.env"
        + " --label service=\"custom-busybox\" other.registry/busybox:latest");
  }

  @Test
  void runWithCustomRestartPolicyAndNetwork() throws IOException {
    // accessory_test.rb#L84-L98
    assertThat(command("mysql", "", ", restart: on-failure", "").run(null)).isEqualTo("docker run --name app-mysql"
        + " --detach --restart on-failure --network kamal --log-opt max-size=\"10m\" --publish 3306:3306"
        + " --env MYSQL_ROOT_HOST=\"%\" --env-file .kamal/apps/app/env/accessories/mysql.env"
        + " --label service=\"app-mysql\" --cpus \"4\" --memory \"2GB\" private.registry/mysql:8.0");
    assertThat(command("mysql", "", "", "network: custom").run(null)).isEqualTo("docker run --name app-mysql"
        + " --detach --restart unless-stopped --network custom --log-opt max-size=\"10m\" --publish 3306:3306"
        + " --env MYSQL_ROOT_HOST=\"%\" --env-file .kamal/apps/app/env/accessories/mysql.env"
        + " --label service=\"app-mysql\" --cpus \"4\" --memory \"2GB\" private.registry/mysql:8.0");
  }

  @Test
  void startStopInfo() throws IOException {
    // accessory_test.rb#L100-L116; the boot check of cli/accessory.rb#L14-L16
    AccessoryCommands mysql = command("mysql");
    assertThat(mysql.start()).isEqualTo("docker container start app-mysql");
    assertThat(mysql.stop()).isEqualTo("docker container stop app-mysql");
    assertThat(mysql.info()).isEqualTo("docker ps --filter label=service=app-mysql");
    assertThat(mysql.info(true, true)).isEqualTo("docker ps -a -q --filter label=service=app-mysql");
  }

  @Test
  void executeInNewAndExistingContainers() throws IOException {
    // accessory_test.rb#L118-L160
    AccessoryCommands mysql = command("mysql");
    assertThat(mysql.executeInNewContainer("mysql -u root", null)).isEqualTo("docker run --rm --network kamal"
        + " --env MYSQL_ROOT_HOST=\"%\" --env-file .kamal/apps/app/env/accessories/mysql.env --cpus \"4\""
        + " --memory \"2GB\" private.registry/mysql:8.0 mysql -u root");
    assertThat(command("mysql", "", ", restart: on-failure", "").executeInNewContainer("mysql -u root", null))
        .doesNotContain("--restart");
    assertThat(mysql.executeInExistingContainer("mysql -u root", null)).isEqualTo("docker exec app-mysql mysql -u root");
    assertThat(mysql.executeInNewContainer("mysql -u root", "-it")).startsWith("docker run -it --rm --network kamal");
    assertThat(mysql.executeInExistingContainer("mysql -u root", "-it"))
        .isEqualTo("docker exec -it app-mysql mysql -u root");
    assertThat(mysql.executeInExistingContainer("mysql -u root", "-i"))
        .isEqualTo("docker exec -i app-mysql mysql -u root");
  }

  @Test
  void logs() throws IOException {
    // accessory_test.rb#L162-L178, Kamal's double spaces included
    AccessoryCommands mysql = command("mysql");
    assertThat(mysql.logs(true, null, null, null, null)).isEqualTo("docker logs app-mysql --timestamps 2>&1");
    assertThat(mysql.logs(true, "5m", 100, "thing", null))
        .isEqualTo("docker logs app-mysql  --since 5m  --tail 100 --timestamps 2>&1 | grep 'thing'");
    assertThat(mysql.logs(true, "5m", 100, "thing", "-C 2"))
        .isEqualTo("docker logs app-mysql  --since 5m  --tail 100 --timestamps 2>&1 | grep 'thing' -C 2");
    assertThat(mysql.logs(false, "5m", 100, "thing", "-C 2"))
        .isEqualTo("docker logs app-mysql  --since 5m  --tail 100 2>&1 | grep 'thing' -C 2");
    // test/cli/accessory_test.rb#L135-L140 (the CLI's default of 100 lines)
    assertThat(mysql.logs(true, null, 100, null, null)).isEqualTo("docker logs app-mysql  --tail 100 --timestamps 2>&1");
  }

  @Test
  void grepPatternWithAQuoteStaysOneWord() throws IOException {
    assertThat(command("mysql").logs(true, null, null, "it's", null)).endsWith("| grep 'it'\\''s'");
  }

  @Test
  void followLogs() throws IOException {
    // accessory_test.rb#L180-L188 (the part inside ssh -t); test/cli/accessory_test.rb#L170-L175
    AccessoryCommands mysql = command("mysql");
    assertThat(mysql.followLogs(true, null, null)).isEqualTo("docker logs app-mysql --timestamps --tail 10 --follow 2>&1");
    assertThat(mysql.followLogs(false, null, null)).isEqualTo("docker logs app-mysql --tail 10 --follow 2>&1");
    assertThat(mysql.followLogs(true, "hey", "-C 2"))
        .isEqualTo("docker logs app-mysql --timestamps --tail 10 --follow 2>&1 | grep \"hey\" -C 2");
  }

  @Test
  void removalAndPull() throws IOException {
    // accessory_test.rb#L190-L206; test/cli/accessory_test.rb#L215-L217
    AccessoryCommands mysql = command("mysql");
    assertThat(mysql.removeContainer()).isEqualTo("docker container prune --force --filter label=service=app-mysql");
    assertThat(mysql.pullImage()).isEqualTo("docker image pull private.registry/mysql:8.0");
    assertThat(mysql.removeImage()).isEqualTo("docker image rm --force private.registry/mysql:8.0");
    assertThat(mysql.removeServiceDirectory()).isEqualTo("rm -rf app-mysql");
  }

  @Test
  void proxyDeployAndRemove() throws IOException {
    // accessory_test.rb#L208-L218
    AccessoryCommands busybox = command("busybox");
    assertThat(busybox.deploy("172.1.0.2")).isEqualTo("docker exec kamal-proxy kamal-proxy deploy custom-busybox"
        + " --target=\"172.1.0.2:80\" --host=\"busybox.example.com\" --deploy-timeout=\"30s\""
        + " --drain-timeout=\"30s\" --buffer-requests --buffer-responses --log-request-header=\"Cache-Control\""
        + " --log-request-header=\"Last-Modified\" --log-request-header=\"User-Agent\"");
    assertThat(busybox.remove()).isEqualTo("docker exec kamal-proxy kamal-proxy remove custom-busybox");
    // commands/base.rb#L16-L18 (container_id_for), then the same deploy with the id found on the host
    assertThat(busybox.deployRunning()).isEqualTo("id=$(docker container ls --filter 'name=^custom-busybox$' --quiet)"
        + " && docker exec kamal-proxy kamal-proxy deploy custom-busybox --target=\"${id}:80\""
        + " --host=\"busybox.example.com\" --deploy-timeout=\"30s\" --drain-timeout=\"30s\" --buffer-requests"
        + " --buffer-responses --log-request-header=\"Cache-Control\" --log-request-header=\"Last-Modified\""
        + " --log-request-header=\"User-Agent\"");
  }

  @Test
  void envFile() throws IOException {
    AccessoryCommands mysql = command("mysql");
    assertThat(mysql.secretsPath()).isEqualTo(".kamal/apps/app/env/accessories/mysql.env");
    assertThat(mysql.ensureEnvDirectory()).isEqualTo("mkdir -p .kamal/apps/app/env/accessories");
  }

  @Test
  void filesAndDirectories() throws IOException {
    // test/cli/accessory_test.rb#L45-L55; test/configuration/accessory_test.rb#L160-L163, L195-L201, L243-L255
    String key = "files: [config/mysql/my.cnf:/etc/mysql/my.cnf, {local: s.sql, remote: /init/s.sql, mode: \"0600\","
        + " owner: \"mysql:mysql\", options: Z}]\n    directories: [data:/var/lib/mysql, /var/data/x:/x:z]";
    AccessoryCommands mysql = command("mysql", "", "", key);
    Accessory accessory = mysql.accessory();
    assertThat(mysql.run("1.1.1.3")).contains(" --env-file .kamal/apps/app/env/accessories/mysql.env"
        + " --volume $PWD/app-mysql/etc/mysql/my.cnf:/etc/mysql/my.cnf --volume $PWD/app-mysql/init/s.sql:/init/s.sql:Z"
        + " --volume $PWD/app-mysql/data:/var/lib/mysql --volume /var/data/x:/x:z --label service=\"app-mysql\"");
    assertThat(mysql.hostPath(accessory.files().get(0))).isEqualTo("app-mysql/etc/mysql/my.cnf");
    assertThat(mysql.makeDirectoryFor(mysql.hostPath(accessory.files().get(0))))
        .isEqualTo("mkdir -p app-mysql/etc/mysql");
    assertThat(mysql.chmod(accessory.files().get(0).mode(), "app-mysql/etc/mysql/my.cnf"))
        .isEqualTo("chmod 755 app-mysql/etc/mysql/my.cnf");
    assertThat(mysql.chmod(accessory.files().get(1).mode(), "app-mysql/init/s.sql"))
        .isEqualTo("chmod 0600 app-mysql/init/s.sql");
    assertThat(mysql.chown(accessory.files().get(1).owner(), "app-mysql/init/s.sql"))
        .isEqualTo("chown mysql:mysql app-mysql/init/s.sql");
    assertThat(mysql.makeDirectory(mysql.directoryPath(accessory.directories().get(0))))
        .isEqualTo("mkdir -p $PWD/app-mysql/data");
    assertThat(mysql.makeDirectory(mysql.directoryPath(accessory.directories().get(1))))
        .isEqualTo("mkdir -p /var/data/x");
    assertThat(accessory.directories().get(0).mode()).isNull();
  }

  @Test
  void hostileNamesStayOneWord() throws IOException {
    String key = "service: \"db $(id)\"";
    AccessoryCommands mysql = command("mysql", "", "", key);
    assertThat(mysql.stop()).isEqualTo("docker container stop 'db $(id)'");
    assertThat(mysql.makeDirectory("$PWD/db $(id)/data")).isEqualTo("mkdir -p $PWD/'db $(id)/data'");
  }
}

package io.sextant.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.DeployConfig;
import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.ssh.SshHosts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The asset preparation before a boot against an in-JVM SSH host whose scripted {@code docker} keeps the image's
 * files under {@code image/} and created containers under {@code made/}, with the real {@code cp}: what lands in
 * the extracted and volume directories, and how a failure is named.
 */
class AssetBridgeTest {
  private static final String DOCKER = """
      echo "$*" >> calls.log
      case "$1 $2" in
        "container create") if [ -f fail-create ]; then echo 'Error: No such image: registry:5000/app:2' >&2; exit 1; fi
          mkdir -p made; echo "$5" > "made/$4" ;;
        "container cp") src=${4#*:}; cp -r "image$src" "$5" ;;
        "container rm") [ -f "made/$3" ] || { echo "Error: No such container: $3" >&2; exit 1; }; rm "made/$3" ;;
        "ps --latest") [ ! -f running ] || cat running ;;
      esac""";

  @TempDir Path dir;
  private final Console console = new Console(new PrintStream(new ByteArrayOutputStream()),
      new PrintStream(new ByteArrayOutputStream()), Verbosity.NORMAL);

  private FakeHost host() throws Exception {
    FakeHost host = FakeHost.start(dir, "one").withScript("docker", DOCKER);
    for (String program : List.of("mktemp", "cat", "rm", "mkdir", "cp", "head", "sh")) {
      host.withScript(program, "exec /bin/" + program + " \"$@\"");
    }
    Files.createDirectories(host.home().resolve("image/public/assets"));
    Files.writeString(host.home().resolve("image/public/assets/a-2.css"), "two");
    return host;
  }

  /** web (behind the proxy, the primary role) on {@code webHost}, workers (no proxy) on {@code workersHost}. */
  private DeployConfig config(String webHost, String workersHost) throws IOException {
    Path project = Files.createDirectories(dir.resolve("project/config"));
    Files.writeString(project.resolve("deploy.yml"), "service: app\nimage: app\nregistry:\n  server: registry:5000\n"
        + "  username: u\n  password: p\nbuilder:\n  arch: amd64\nservers:\n  web:\n    hosts: ['" + webHost
        + "']\n  workers:\n    hosts: ['" + workersHost + "']\nasset_path: /public/assets\n");
    return ConfigLoader.load(new ConfigRequest(dir.resolve("project"), null, null, "2", Map.of())).config();
  }

  private static List<String> files(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theNewAssetsAreExtractedAndSharedWithTheRunningVersion() throws Exception {
    try (FakeHost one = host(); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      Path assets = one.home().resolve(".kamal/apps/app/assets");
      for (String kind : List.of("extracted", "volumes")) {
        Files.createDirectories(assets.resolve(kind + "/web-1"));
        Files.writeString(assets.resolve(kind + "/web-1/a-1.css"), "one");
      }
      Files.writeString(one.home().resolve("running"), "app-web-1\n");
      DeployConfig config = config(one.host(), one.host());

      new AssetBridge(ssh, console, config, "2").prepare(List.of(one.host()), config.roles());

      assertThat(files(assets.resolve("extracted/web-2"))).containsExactly("a-2.css");
      assertThat(files(assets.resolve("volumes/web-2"))).containsExactly("a-1.css", "a-2.css");
      assertThat(files(assets.resolve("volumes/web-1"))).containsExactly("a-1.css", "a-2.css");
      assertThat(files(assets.resolve("extracted/web-1"))).containsExactly("a-1.css");
      assertThat(one.home().resolve("made/app-web-assets")).doesNotExist();
      assertThat(Files.readAllLines(one.home().resolve("calls.log")))
          .contains("container create --name app-web-assets registry:5000/app:2")
          .noneMatch(call -> call.contains("workers"));
    }
  }

  @Test
  void aFailedExtractionNamesTheHostRoleAndCommandAndSyncsNothing() throws Exception {
    try (FakeHost one = host(); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      Files.writeString(one.home().resolve("fail-create"), "");
      DeployConfig config = config(one.host(), one.host());

      assertThatThrownBy(() -> new AssetBridge(ssh, console, config, "2").prepare(List.of(one.host()),
          config.roles()))
          .isInstanceOfSatisfying(AppBootException.class, e -> assertThat(e.failures()).containsExactly(
              new BootFailure(one.host(), "web", "assets",
                  "extraction of the assets: exit 1: Error: No such image: registry:5000/app:2")));
      assertThat(one.home().resolve(".kamal/apps/app/assets/extracted/web-2")).isEmptyDirectory();
      assertThat(one.home().resolve(".kamal/apps/app/assets/volumes")).doesNotExist();
    }
  }

  @Test
  void hostsOfRolesWithoutAssetsAreNotContacted() throws Exception {
    try (FakeHost one = host(); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      String nowhere = "127.0.0.1:1"; // nothing listens: contacting it would fail the preparation
      DeployConfig config = config(one.host(), nowhere);

      new AssetBridge(ssh, console, config, "2").prepare(List.of(one.host(), nowhere), config.roles());

      assertThat(files(one.home().resolve(".kamal/apps/app/assets/volumes/web-2"))).containsExactly("a-2.css");
    }
  }
}

package io.sextant.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.commands.AppCommands;
import io.sextant.commands.AppProxyCommands;
import io.sextant.commands.AssetCommands;
import io.sextant.config.ProxyConfig;
import io.sextant.commands.ContainerSpec;
import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.ssh.SshHosts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A role's boot against an in-JVM SSH host with a scripted {@code docker} that keeps its containers as files
 * ({@code c/<name>}, the running one's name in {@code running}): what the batched round trips do and how each of
 * their failures is reported.
 */
class RoleBootTest {
  static final String DOCKER = """
      echo "$*" >> calls.log
      case "$1 $2" in
        "network inspect") exit 0 ;;
        "container ls") n=${5#name=^}; n=${n%$}; [ ! -f "c/$n" ] || cat "c/$n" ;;
        "ps --latest") [ ! -f running ] || cat running ;;
        "image ls") ;;
        "run "*) if [ -f fail-run ]; then
            echo 'docker: Error response from daemon: port is already allocated.' >&2; exit 125; fi
          while [ "$1" != --name ]; do shift; done
          if [ -f "fail-run-$2" ]; then echo 'docker: Error response from daemon: no such image.' >&2; exit 125; fi
          mkdir -p c; echo "id-$2" > "c/$2"; echo "$2" > running
          echo "id-$2" ;;
        "rename "*) mv "c/$2" "c/$3"; if [ "$(cat running)" = "$2" ]; then echo "$3" > running; fi ;;
        "inspect "*) echo healthy ;;
        "exec kamal-proxy") if [ -f fail-proxy ]; then
            echo 'Error: target failed to become healthy within configured timeout (6s)' >&2; exit 1; fi ;;
      esac""";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Console console = new Console(new PrintStream(out), new PrintStream(out), Verbosity.NORMAL);
  private final AppCommands app = new AppCommands("app", null, "registry:5000/app", "web", "2");

  private FakeHost host() throws Exception {
    FakeHost host = FakeHost.start(dir, "one").withScript("docker", DOCKER);
    for (String program : List.of("mktemp", "cat", "rm", "mkdir", "chmod", "mv", "xargs", "head", "sh")) {
      host.withScript(program, "exec /bin/" + program + " \"$@\""); // a wrapper: no link out of the temp dir
    }
    return host;
  }

  private BootResult boot(SshHosts ssh, FakeHost host) {
    return new RoleBoot(ssh, console, host.host(), app, ContainerSpec.defaults(), Map.of("SECRET", "s3 cret"), 10,
        new Readiness(ssh, console, Duration.ZERO, Duration.ofSeconds(5))).run();
  }

  /** The fake host runs a container named {@code name} (its id: {@code id-NAME}). */
  private static void running(FakeHost host, String name) throws Exception {
    Files.createDirectories(host.home().resolve("c"));
    Files.writeString(host.home().resolve("c/" + name), "id-" + name + "\n");
    Files.writeString(host.home().resolve("running"), name + "\n");
  }

  private static List<String> calls(FakeHost host) throws Exception {
    return Files.readAllLines(host.home().resolve("calls.log"));
  }

  @Test
  void aFreshVersionIsWrittenAndStartedInTheFirstRoundTrip() throws Exception {
    try (FakeHost one = host(); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      running(one, "app-web-1");

      BootResult result = boot(ssh, one);

      assertThat(result.previousVersion()).isEqualTo("1");
      Path envFile = one.home().resolve(".kamal/apps/app/env/roles/web.env");
      assertThat(Files.readString(envFile)).isEqualTo("SECRET=s3 cret\n");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile))).isEqualTo("rw-------");
      assertThat(calls(one)).first().isEqualTo("network inspect kamal");
      assertThat(calls(one)).filteredOn(call -> call.startsWith("run ")).hasSize(1);
      assertThat(calls(one)).noneMatch(call -> call.contains("s3 cret")); // the secret never is an argument
      assertThat(out.toString()).contains(one.host() + ": app-web-2 is ready (app-web-1 stopped)");
    }
  }

  @Test
  void aContainerHoldingTheNameIsRenamedThenReplacedAndStopped() throws Exception {
    try (FakeHost one = host(); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      running(one, "app-web-2");

      BootResult result = boot(ssh, one);

      assertThat(result.previousVersion()).startsWith("2_replaced_");
      assertThat(one.home().resolve("c/app-web-" + result.previousVersion())).exists();
      assertThat(out.toString()).contains(one.host() + ": renaming container app-web-2 to app-web-"
          + result.previousVersion() + " as it is already deployed");
      assertThat(calls(one)).filteredOn(call -> call.startsWith("rename ") || call.startsWith("run "))
          .extracting(call -> call.split(" ")[0]).containsExactly("rename", "run");
    }
  }

  @Test
  void aFailedEnvFileIsNamedAndNothingElseRuns() throws Exception {
    try (FakeHost one = host(); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      Files.writeString(one.home().resolve(".kamal"), "a file where the directory should be");

      assertThatThrownBy(() -> boot(ssh, one))
          .isInstanceOfSatisfying(RoleBoot.StepFailed.class, e -> {
            assertThat(e.step).isEqualTo("env file");
            assertThat(e.detail).startsWith("exit 1: ").contains("mkdir");
          });
      assertThat(one.home().resolve("calls.log")).doesNotExist();
    }
  }

  @Test
  void aFailedDockerRunIsNamedWithDockersErrorAndTheOldVersionKeepsRunning() throws Exception {
    try (FakeHost one = host(); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      running(one, "app-web-1");
      Files.writeString(one.home().resolve("fail-run"), "");

      assertThatThrownBy(() -> boot(ssh, one))
          .isInstanceOfSatisfying(RoleBoot.StepFailed.class, e -> {
            assertThat(e.step).isEqualTo("docker run");
            assertThat(e.detail).isEqualTo("exit 125: docker: Error response from daemon: port is already allocated.");
          });
      assertThat(calls(one)).noneMatch(call -> call.startsWith("stop ") && call.contains("id-app-web-1"));
      assertThat(Files.readString(one.home().resolve("running"))).isEqualTo("app-web-1\n");
    }
  }

  private BootResult bootBehindProxy(SshHosts ssh, FakeHost host, Runnable onReady) {
    AppProxyCommands proxy = new AppProxyCommands("app", null, "web", "2",
        ProxyConfig.of("web", Map.of("host", "app.example.com")), 6, 30, false);
    return new RoleBoot(ssh, console, host.host(), app, ContainerSpec.defaults(), Map.of(), null,
        new Readiness(ssh, console, Duration.ZERO, Duration.ofSeconds(5)), proxy, onReady, null).run();
  }

  @Test
  void aRoleBehindTheProxyIsRegisteredWithItsContainerThenThePreviousOneStops() throws Exception {
    try (FakeHost one = host(); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      running(one, "app-web-1");
      List<String> readyAt = new java.util.ArrayList<>();

      BootResult result = bootBehindProxy(ssh, one, () -> readyAt.add("ready"));

      assertThat(result.previousVersion()).isEqualTo("1");
      assertThat(readyAt).containsExactly("ready");
      List<String> calls = calls(one);
      int deploy = calls.indexOf("exec kamal-proxy kamal-proxy deploy app-web --target=id-app-web-2:80"
          + " --host=app.example.com --deploy-timeout=6s --drain-timeout=30s --buffer-requests --buffer-responses"
          + " --log-request-header=Cache-Control --log-request-header=Last-Modified --log-request-header=User-Agent");
      assertThat(deploy).as("deploy with the first 12 characters of the new id: %s", calls).isPositive();
      int stop = calls.indexOf("stop id-app-web-1");
      assertThat(stop).as("the previous container stopped without -t, after the deploy: %s", calls)
          .isGreaterThan(deploy);
      assertThat(calls).noneMatch(call -> call.startsWith("inspect ")); // no docker health wait: the proxy checks
    }
  }

  @Test
  void aFailedProxyDeployStopsTheNewContainerAndKeepsThePreviousOne() throws Exception {
    try (FakeHost one = host(); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      running(one, "app-web-1");
      Files.writeString(one.home().resolve("fail-proxy"), "");
      List<String> readyAt = new java.util.ArrayList<>();

      assertThatThrownBy(() -> bootBehindProxy(ssh, one, () -> readyAt.add("ready")))
          .isInstanceOfSatisfying(RoleBoot.StepFailed.class, e -> {
            assertThat(e.step).isEqualTo("proxy deploy");
            assertThat(e.detail).startsWith(
                "kamal-proxy: Error: target failed to become healthy within configured timeout (6s)");
          });
      assertThat(readyAt).isEmpty();
      assertThat(calls(one)).contains("stop id-app-web-2").doesNotContain("stop id-app-web-1");
    }
  }

  @Test
  void aRoleBridgingAssetsMountsItsVolumeAndDropsOlderAssetDirectoriesOnceThePreviousContainerStopped()
      throws Exception {
    try (FakeHost one = host(); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      one.withScript("find", "exec /usr/bin/find \"$@\"");
      running(one, "app-web-1");
      Path assets = one.home().resolve(".kamal/apps/app/assets");
      for (String version : List.of("web-0", "web-1", "web-2", "workers-1")) {
        Files.createDirectories(assets.resolve("extracted/" + version));
        Files.createDirectories(assets.resolve("volumes/" + version));
      }
      AppProxyCommands proxy = new AppProxyCommands("app", null, "web", "2",
          ProxyConfig.of("web", Map.of("host", "app.example.com")), 6, 30, false);

      new RoleBoot(ssh, console, one.host(), app, ContainerSpec.defaults(), Map.of(), null,
          new Readiness(ssh, console, Duration.ZERO, Duration.ofSeconds(5)), proxy, () -> { },
          new AssetCommands(app, "/public/assets", "ro")).run();

      assertThat(calls(one)).filteredOn(call -> call.startsWith("run ")).singleElement().asString()
          .contains(" --volume " + one.home() + "/.kamal/apps/app/assets/volumes/web-2:/public/assets:ro ");
      assertThat(calls(one)).contains("stop id-app-web-1");
      for (String kind : List.of("extracted", "volumes")) {
        try (var left = Files.list(assets.resolve(kind))) {
          assertThat(left.map(path -> path.getFileName().toString()))
              .as("%s: the role's other versions go, other roles' stay", kind)
              .containsExactlyInAnyOrder("web-2", "workers-1");
        }
      }
    }
  }
}

package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.DeployConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-exec {@code proxy boot} (Kamal 2.12 {@code cli/proxy.rb} {@code boot}: network, login, version check,
 * apps config directory, start_or_run), run by {@code sh} against a stub {@code docker} that logs its calls.
 */
class ProxyBootScriptsTest {
  @TempDir Path dir;

  private ProxyCommands proxy() throws IOException {
    Path file = dir.resolve("config/deploy.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, ProxyCommandsTest.BASE);
    DeployConfig config = ConfigLoader.load(new ConfigRequest(dir, null, null, "123", Map.of())).config();
    return ProxyCommands.of(config, "1.1.1.1");
  }

  private record Ran(StepScript.Outcome outcome, List<String> dockerCalls, String stdin) {}

  /** Runs the script with a stub docker whose running proxy has image tag {@code tag} (none when null). */
  private Ran run(StepScript script, String tag, String password) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path log = dir.resolve("docker.log");
    Path stub = bin.resolve("docker");
    Files.writeString(stub, """
        #!/bin/sh
        echo "$*" >> %s
        case "$1 $2" in
          "network inspect") exit 1 ;;
          "login "*) cat > %s; exit 0 ;;
          "inspect kamal-proxy") %s ;;
          "container start") exit 0 ;;
        esac
        exit 0
        """.formatted(log, dir.resolve("stdin"), tag == null ? "echo 'Error: No such object: kamal-proxy' >&2; exit 1"
        : "echo basecamp/kamal-proxy:" + tag));
    Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", script.render()).directory(dir.toFile());
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process process = builder.start();
    if (password != null) {
      process.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    Path stdin = dir.resolve("stdin");
    return new Ran(script.read(exit, stdout, stderr), Files.exists(log) ? Files.readAllLines(log) : List.of(),
        Files.exists(stdin) ? Files.readString(stdin) : null);
  }

  @Test
  void noProxyYetRunsEveryStepOfKamalsBootInOneExec() throws Exception {
    ProxyCommands proxy = proxy();
    Ran ran = run(ProxyBootScripts.boot(proxy, "docker login -u dhh --password-stdin", "v0.9.2"), null, "s3cret");

    assertThat(ran.outcome().ok()).as(ran.outcome().toString()).isTrue();
    assertThat(ran.outcome().value(ProxyBootScripts.VERSION)).isEmpty();
    assertThat(ran.outcome().value(ProxyBootScripts.STARTED)).isNotNull();
    assertThat(ran.stdin()).isEqualTo("s3cret");
    // cli/proxy.rb boot: create_network, registry.login, proxy.version, ensure_apps_config_directory, start_or_run
    assertThat(ran.dockerCalls()).containsExactly("network inspect kamal", "network create kamal",
        "login -u dhh --password-stdin", "inspect kamal-proxy --format {{.Config.Image}}", "container start kamal-proxy");
    assertThat(dir.resolve(".kamal/proxy/apps-config")).isDirectory();
  }

  @Test
  void aRecentEnoughProxyIsStartedInTheSameExec() throws Exception {
    for (String tag : List.of("v0.9.2", "v0.10.0", "v1", "0.9.3")) {
      Ran ran = run(ProxyBootScripts.boot(proxy(), null, "v0.9.2"), tag, null);
      assertThat(ran.outcome().value(ProxyBootScripts.VERSION)).isEqualTo(tag);
      assertThat(ran.outcome().value(ProxyBootScripts.STARTED)).as(tag).isNotNull();
      Files.delete(dir.resolve("docker.log"));
    }
  }

  @Test
  void anOlderOrUnusualVersionLeavesTheStartToTheCallersCheck() throws Exception {
    // v0.9.1 is too old (Kamal raises before start_or_run); a tag that is not plain numbers is compared by the
    // caller as Gem::Version does (or refused as malformed), never started here.
    for (String tag : List.of("v0.9.1", "v0.8", "latest", "v0.9.2.beta1")) {
      Ran ran = run(ProxyBootScripts.boot(proxy(), null, "v0.9.2"), tag, null);
      assertThat(ran.outcome().ok()).isTrue();
      assertThat(ran.outcome().value(ProxyBootScripts.VERSION)).isEqualTo(tag);
      assertThat(ran.outcome().value(ProxyBootScripts.STARTED)).as(tag).isNull();
      assertThat(ran.dockerCalls()).as(tag).noneMatch(call -> call.startsWith("container start"))
          .noneMatch(call -> call.startsWith("run "));
      Files.delete(dir.resolve("docker.log"));
    }
  }

  @Test
  void aFailedLoginStopsTheBootAndIsBlamed() throws Exception {
    StepScript script = ProxyBootScripts.boot(proxy(), "docker login -u dhh --password-stdin && false", "v0.9.2");
    Ran ran = run(script, null, "s3cret");

    assertThat(ran.outcome().failedStep()).isEqualTo("docker login");
    assertThat(ran.dockerCalls()).noneMatch(call -> call.startsWith("inspect") || call.startsWith("container"));
  }

  @Test
  void theRestOfTheBootIsKamalsTwoCommands() throws IOException {
    ProxyCommands proxy = proxy();
    assertThat(ProxyBootScripts.start(proxy))
        .isEqualTo("mkdir -p .kamal/proxy/apps-config && " + proxy.startOrRun());
  }
}

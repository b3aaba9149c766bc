package io.sextant.cli;

import io.sextant.testing.AgentMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code post-deploy-failure} (B1) through the launcher, for failures before any host was reached: it runs once,
 * after the failure, and {@code pre-connect} never runs a second time (the failure path opens no connection).
 */
class UnreachableFailureHookIT {
  @TempDir Path project;

  @BeforeEach
  void writeProject() throws Exception {
    Files.createDirectories(project.resolve("config"));
    Files.createDirectories(project.resolve(".kamal/hooks"));
    // port 1 on loopback: every connection is refused at once
    Files.writeString(project.resolve("config/deploy.yml"), """
        service: myapp
        image: me/myapp
        builder:
          arch: amd64
          driver: docker
        servers:
          web:
            hosts: [127.0.0.1]
            proxy: false
        registry:
          username: me
          password: [KAMAL_REGISTRY_PASSWORD]
        ssh:
          port: 1
        """);
    Files.writeString(project.resolve(".kamal/secrets"), "KAMAL_REGISTRY_PASSWORD=pw\n");
    hook("pre-connect", "echo \"pre-connect $KAMAL_COMMAND\" >> trace\nexit ${PRE_CONNECT_EXIT:-0}");
    hook("post-deploy-failure", "echo \"failure step=$KAMAL_FAILED_STEP hosts=$KAMAL_FAILED_HOSTS"
        + " lock=$KAMAL_LOCK error=$KAMAL_ERROR\" >> trace");
  }

  @Test
  void aFailingPreConnectRunsOnceAndFiresTheFailureHook() throws Exception {
    int exit = sextant("PRE_CONNECT_EXIT=4", "deploy", "--version", "v1");
    assertThat(exit).isEqualTo(1);
    assertThat(Files.readAllLines(project.resolve("trace"))).containsExactly(
        "pre-connect deploy",
        "failure step=pre-connect hosts= lock=false error=Hook `pre-connect` failed with exit code 4");
  }

  @Test
  void anUnreachableHostFiresTheFailureHookWithTheOriginalError() throws Exception {
    int exit = sextant(null, "deploy", "-P", "--version", "v1");
    assertThat(exit).isEqualTo(1);
    List<String> trace = Files.readAllLines(project.resolve("trace"));
    assertThat(trace).hasSize(2);
    assertThat(trace.get(0)).isEqualTo("pre-connect deploy");
    assertThat(trace.get(1)).startsWith("failure step=pull hosts=").contains("lock=false", "connection refused");
  }

  private void hook(String name, String body) throws Exception {
    Path file = project.resolve(".kamal/hooks/" + name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    assertThat(file.toFile().setExecutable(true)).isTrue();
  }

  private int sextant(String envAssignment, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(CliIT.launcher().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true);
    builder.environment().put("HOME", project.toString());
    AgentMode.apply(builder.environment());
    if (envAssignment != null) {
      String[] pair = envAssignment.split("=", 2);
      builder.environment().put(pair[0], pair[1]);
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
    return process.exitValue();
  }
}

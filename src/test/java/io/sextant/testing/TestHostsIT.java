package io.sextant.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local test hosts are real, separate SSH + Docker servers sharing one registry. */
class TestHostsIT {
  private static TestHosts set;
  private static TestHost first;
  private static TestHost second;

  @BeforeAll
  static void bringTwoHosts() {
    set = TestHosts.bring("it-" + ProcessHandle.current().pid(), 2);
    first = set.hosts().get(0);
    second = set.hosts().get(1);
  }

  @AfterAll
  static void tearDown() {
    if (set != null) {
      set.close();
    }
  }

  @Test
  void eachHostRunsCommandsOverSshWithItsOwnHostnameAndDockerDaemon() {
    assertThat(set.hosts()).hasSize(2);
    String name1 = set.ssh(first, "hostname").requireOk().stdout().strip();
    String name2 = set.ssh(second, "hostname").requireOk().stdout().strip();
    assertThat(name1).isEqualTo(first.name());
    assertThat(name2).isEqualTo(second.name()).isNotEqualTo(name1);

    String daemon1 = set.ssh(first, "docker info --format '{{.ID}}'").requireOk().stdout().strip();
    String daemon2 = set.ssh(second, "docker info --format '{{.ID}}'").requireOk().stdout().strip();
    assertThat(daemon1).isNotBlank();
    assertThat(daemon2).isNotBlank().isNotEqualTo(daemon1);
  }

  @Test
  void homeDirectoryIsPerHost() {
    String marker = "marker-" + UUID.randomUUID();
    set.ssh(first, "mkdir -p ~/.kamal && echo " + marker + " > ~/.kamal/probe").requireOk();
    assertThat(set.ssh(first, "cat ~/.kamal/probe").requireOk().stdout()).contains(marker);
    CommandResult onSecond = set.ssh(second, "cat ~/.kamal/probe");
    assertThat(onSecond.ok()).as("file written on host 1 must be absent on host 2: %s", onSecond).isFalse();
  }

  @Test
  void imagePushedFromRootNamespaceIsPulledAndRunOnEveryHost(@TempDir Path context) throws IOException {
    String tag = "it-" + UUID.randomUUID().toString().substring(0, 8);
    String image = set.registry().image("sextant/it-app:" + tag);
    Files.writeString(context.resolve("Dockerfile"),
        "FROM " + set.baseImage() + "\nRUN echo built-" + tag + " > /message\nCMD [\"cat\", \"/message\"]\n");
    set.docker("build", "-q", "-t", image, context.toString()).requireOk();
    set.loginRoot();
    set.docker("push", image).requireOk();

    for (TestHost host : List.of(first, second)) {
      assertThat(set.ssh(host, "docker image inspect " + image).ok())
          .as("%s must not have the image before pulling", host.name()).isFalse();
      set.ssh(host, "echo '" + set.registry().password() + "' | docker login -u " + set.registry().username()
          + " --password-stdin " + set.registry().address()).requireOk();
      set.ssh(host, "docker pull -q " + image).requireOk();
      assertThat(set.ssh(host, "docker run --rm " + image).requireOk().stdout().strip())
          .isEqualTo("built-" + tag);
    }
  }

  @Test
  void stoppedHostRefusesSshUntilStarted() {
    set.stop(second);
    try {
      CommandResult refused = set.ssh(second, "true");
      assertThat(refused.exitCode()).isEqualTo(255);
      assertThat(refused.stderr()).contains("Connection refused");
      set.ssh(first, "true").requireOk();
    } finally {
      set.start(second);
    }
    set.ssh(second, "true").requireOk();
  }

  @Test
  void unpluggedHostTimesOutUntilPluggedBackIn() {
    set.unplug(second);
    try {
      CommandResult unreachable = set.ssh(second, "true");
      assertThat(unreachable.exitCode()).isEqualTo(255);
      assertThat(unreachable.stderr()).containsAnyOf("timed out", "No route to host");
    } finally {
      set.plug(second);
    }
    set.ssh(second, "true").requireOk();
  }

  @Test
  void sharedSetIsOneSetOfThreeHostsPerJvm() {
    TestHosts shared = TestHosts.shared();
    assertThat(TestHosts.shared()).isSameAs(shared);
    assertThat(shared.hosts()).hasSize(3);
    assertThat(shared.name()).isNotEqualTo(set.name());
    assertThat(shared.registry().address()).isNotEqualTo(set.registry().address());
    for (TestHost host : shared.hosts()) {
      assertThat(shared.ssh(host, "hostname").requireOk().stdout().strip()).isEqualTo(host.name());
    }
  }
}

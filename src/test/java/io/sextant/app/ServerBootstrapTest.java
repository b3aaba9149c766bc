package io.sextant.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.SextantException;
import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.ssh.SshHosts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server bootstrap against in-JVM SSH hosts whose PATH holds only what each test gives them. */
class ServerBootstrapTest {
  @TempDir Path dir;
  private final AtomicInteger dockerSetupRuns = new AtomicInteger();
  private final Console console =
      new Console(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
          Verbosity.NORMAL);

  private FakeHost withDocker(String name) throws Exception {
    return FakeHost.start(dir, name).withScript("docker", "echo 'Docker version 28.2.2'")
        .withProgram("mkdir", "/bin/mkdir");
  }

  /** No docker, no id/sudo/su: not a superuser, so Docker cannot be installed (and nothing is downloaded). */
  private FakeHost withoutDocker(String name) throws Exception {
    return FakeHost.start(dir, name).withProgram("mkdir", "/bin/mkdir");
  }

  @Test
  void dockerEverywhereMakesTheRunDirectoryThenRunsDockerSetupOnce() throws Exception {
    try (FakeHost one = withDocker("one"); FakeHost two = withDocker("two");
        SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      new ServerBootstrap(ssh, console).run(List.of(one.host(), two.host()), dockerSetupRuns::incrementAndGet);

      assertThat(dockerSetupRuns).hasValue(1);
      assertThat(one.home().resolve(".kamal")).isDirectory();
      assertThat(two.home().resolve(".kamal")).isDirectory();
    }
  }

  @Test
  void hostsWithoutDockerAreAllNamedAndDockerSetupDoesNotRun() throws Exception {
    try (FakeHost ok = withDocker("ok"); FakeHost bare1 = withoutDocker("bare1"); FakeHost bare2 = withoutDocker("bare2");
        SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      List<String> hosts = List.of(bare1.host(), ok.host(), bare2.host());

      assertThatThrownBy(() -> new ServerBootstrap(ssh, console).run(hosts, dockerSetupRuns::incrementAndGet))
          .isInstanceOf(SextantException.class)
          .hasMessage("Docker is not installed on " + bare1.host() + ", " + bare2.host()
              + " and can't be automatically installed without having root access and either `wget` or `curl`."
              + " Install Docker manually: https://docs.docker.com/engine/install/");
      assertThat(dockerSetupRuns).hasValue(0);
      assertThat(Files.exists(bare1.home().resolve(".kamal"))).isFalse();
    }
  }

  @Test
  void anUnreachableHostIsReportedAsSuch() throws Exception {
    try (FakeHost ok = withDocker("ok"); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      String closed = "127.0.0.1:1";
      assertThatThrownBy(() -> new ServerBootstrap(ssh, console).run(List.of(ok.host(), closed),
              dockerSetupRuns::incrementAndGet))
          .hasMessageStartingWith(closed + ": server bootstrap could not run: ");
      assertThat(dockerSetupRuns).hasValue(0);
    }
  }

  @Test
  void aDockerInstallHookGetsOnlyTheHostsWithoutDockerInsteadOfKamalsInstall() throws Exception {
    try (FakeHost ok = withDocker("ok"); FakeHost bare = withoutDocker("bare");
        SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      List<List<String>> calls = new java.util.ArrayList<>();
      new ServerBootstrap(ssh, console, missing -> {
        calls.add(missing);
        try {
          bare.withScript("docker", "echo 'Docker version 28.2.2'");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }).run(List.of(ok.host(), bare.host()), dockerSetupRuns::incrementAndGet);

      assertThat(calls).containsExactly(List.of(bare.host()));
      assertThat(dockerSetupRuns).hasValue(1);
      assertThat(bare.home().resolve(".kamal")).isDirectory();
    }
  }

  @Test
  void theHookIsNotRunWhenDockerIsEverywhereAndAHostItDidNotFixIsNamed() throws Exception {
    try (FakeHost ok = withDocker("ok"); FakeHost bare = withoutDocker("bare");
        SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      AtomicInteger calls = new AtomicInteger();
      new ServerBootstrap(ssh, console, missing -> calls.incrementAndGet())
          .run(List.of(ok.host()), dockerSetupRuns::incrementAndGet);
      assertThat(calls).hasValue(0);

      assertThatThrownBy(() -> new ServerBootstrap(ssh, console, missing -> calls.incrementAndGet())
              .run(List.of(ok.host(), bare.host()), dockerSetupRuns::incrementAndGet))
          .isInstanceOf(SextantException.class)
          .hasMessage("Docker is still not installed on " + bare.host() + " after the docker-install hook");
      assertThat(calls).hasValue(1);
      assertThat(dockerSetupRuns).hasValue(1);
    }
  }

  @Test
  void aFailingDockerInstallHookStopsTheBootstrap() throws Exception {
    try (FakeHost bare = withoutDocker("bare"); SshHosts ssh = new SshHosts(FakeHost.settings(dir))) {
      assertThatThrownBy(() -> new ServerBootstrap(ssh, console, missing -> {
        throw new SextantException("Hook `docker-install` failed with exit code 3", SextantException.COMMAND_FAILED);
      }).run(List.of(bare.host()), dockerSetupRuns::incrementAndGet))
          .hasMessage("Hook `docker-install` failed with exit code 3");
      assertThat(dockerSetupRuns).hasValue(0);
      assertThat(Files.exists(bare.home().resolve(".kamal"))).isFalse();
    }
  }
}

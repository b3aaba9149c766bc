package io.sextant.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.config.BuilderConfig;
import io.sextant.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Sextant cannot build, found before anything runs, against a stand-in {@code docker} that logs its calls. */
class BuildSupportTest {
  @TempDir Path tmp;

  private BuildSupport support(String arch, boolean buildx) throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path docker = bin.resolve("docker");
    Files.writeString(docker, "#!/bin/sh\necho \"$*\" >> " + tmp.resolve("calls") + "\n"
        + "case \"$1\" in\n  info) echo " + arch + " ;;\n  buildx) exit " + (buildx ? 0 : 1) + " ;;\nesac\n");
    Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new BuildSupport(new ProcessRunner(List.of(bin)));
  }

  private static BuilderConfig builder(List<String> arch, List<String> secrets, boolean local,
      Map<String, Object> extra) {
    return new BuilderConfig(arch, null, "Dockerfile", null, Map.of(), secrets, null, local, Map.of(), extra);
  }

  private List<String> calls() throws IOException {
    Path calls = tmp.resolve("calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  @Test
  void anArchitectureTheLocalDockerCannotBuildIsRefused() throws IOException {
    assertThat(support("x86_64", true).problems(builder(List.of("arm64"), List.of(), true, Map.of())))
        .containsExactly("builder/arch is arm64 but the local Docker builds amd64 images, and Sextant does not do"
            + " cross-platform or remote builds yet: build on a arm64 machine, or set builder/arch to amd64");
    assertThat(calls()).containsExactly("info --format {{.Architecture}}");
  }

  @Test
  void theLocalArchitectureAmongOthersIsBuilt() throws IOException {
    assertThat(support("aarch64", true).problems(builder(List.of("amd64", "arm64"), List.of(), true, Map.of())))
        .isEmpty();
  }

  @Test
  void buildSecretsWithoutBuildxAreRefused() throws IOException {
    assertThat(support("x86_64", false).problems(builder(List.of(), List.of("TOKEN"), true, Map.of())))
        .containsExactly("builder/secrets (TOKEN) need BuildKit, but the docker buildx plugin is not installed on"
            + " this machine: install docker-buildx, or remove builder/secrets from the configuration");
    assertThat(calls()).containsExactly("buildx version");
  }

  @Test
  void otherKindsOfBuildAreRefusedOneLineEachWithoutAskingDocker() throws IOException {
    assertThat(support("x86_64", true).problems(builder(List.of("amd64"), List.of(), false,
        Map.of("driver", "cloud", "pack", Map.of("builder", "heroku/builder:24"), "ssh", "default"))))
        .containsExactly(
            "builder/local: false asks for a remote build, which Sextant does not support yet: remove it to build"
                + " on this machine",
            "builder/driver: cloud is not supported yet (Sextant builds with the local docker driver): remove"
                + " builder/driver",
            "builder/pack: buildpack builds are not supported yet: build from a Dockerfile instead",
            "builder/ssh: forwarding SSH into the build is not supported yet: remove builder/ssh");
    assertThat(calls()).isEmpty();
  }

  @Test
  void thePlainLocalBuildNeedsNothing() throws IOException {
    assertThat(support("x86_64", false).problems(builder(List.of(), List.of(), true, Map.of("driver", "docker"))))
        .isEmpty();
    assertThat(calls()).isEmpty();
  }
}

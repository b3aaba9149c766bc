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

/** What this machine lacks to build, found before anything runs, against a stand-in {@code docker}. */
class BuildSupportTest {
  @TempDir Path tmp;

  private BuildSupport support(boolean buildx) throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path docker = bin.resolve("docker");
    Files.writeString(docker, "#!/bin/sh\ncase \"$1\" in\n  buildx) "
        + (buildx ? "echo 'github.com/docker/buildx 0.13.1'" : "echo \"docker: 'buildx' is not a docker command.\" >&2; exit 1")
        + " ;;\nesac\n");
    Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new BuildSupport(new ProcessRunner(List.of(bin), Map.of("PATH", bin + ":/usr/bin:/bin")));
  }

  private static BuilderConfig builder(Map<String, Object> extra) {
    return new BuilderConfig(List.of("amd64"), null, "Dockerfile", null, Map.of(), List.of(), null, true, Map.of(),
        extra);
  }

  @Test
  void withoutBuildxOneLineNamesTheInstallStep() throws IOException {
    assertThat(support(false).problems(builder(Map.of("driver", "docker"))))
        .containsExactly(BuildSupport.BUILDX_MISSING);
    assertThat(BuildSupport.BUILDX_MISSING).contains("docker-buildx", "docker buildx version");
  }

  @Test
  void withBuildxEveryKindOfDockerBuildIsFine() throws IOException {
    BuildSupport support = support(true);
    assertThat(support.problems(builder(Map.of()))).isEmpty();
    assertThat(support.problems(builder(Map.of("driver", "docker", "ssh", "default")))).isEmpty();
  }

  @Test
  void packNeedsThePackCli() throws IOException {
    assertThat(support(true).problems(builder(Map.of("pack", Map.of("builder", "heroku/builder:24")))))
        .singleElement().asString().startsWith("builder/pack: the pack CLI");
  }
}

package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookValidatorTest {
  @TempDir Path temp;
  HookFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new HookFixture(temp);
  }

  private List<String> findings() {
    return new HookValidator(fixture.hooks, fixture.project, System.getenv()).validate().stream()
        .map(HookValidator.Finding::toString).toList();
  }

  @Test
  void goodHooksAndSamplesHaveNoFindings() {
    fixture.hook("pre-deploy", "exit 0");
    fixture.hook("pre-deploy.sample", "exit 0");
    fixture.hook("post-deploy.d/10-notify", "exit 0");
    HookFixture.script(fixture.hooks.resolve("pre-build"), "#!/usr/bin/env sh\nexit 0\n", "rwxr-xr-x");
    assertThat(findings()).isEmpty();
    assertThat(new HookValidator(fixture.hooks, fixture.project, Map.of()).runnableScripts()).isEqualTo(3);
  }

  @Test
  void missingHooksDirectoryIsFine() {
    assertThat(new HookValidator(fixture.project.resolve("nope"), fixture.project, Map.of()).validate()).isEmpty();
  }

  @Test
  void reportsEveryKindOfMistake() throws Exception {
    HookFixture.script(fixture.hooks.resolve("pre-deploy"), "#!/bin/sh\n", "rw-r--r--");
    fixture.hook("pre-build.sh", "exit 0");
    fixture.hook("pre-traefik-reboot", "exit 0");
    fixture.hook("deploy-notify", "exit 0");
    Files.createDirectories(fixture.hooks.resolve("post-app-boot"));
    HookFixture.script(fixture.hooks.resolve("post-deploy"), "#!/bin/sh\r\nexit 0\r\n", "rwxr-xr-x");
    HookFixture.script(fixture.hooks.resolve("pre-connect"), "echo hi\n", "rwxr-xr-x");
    HookFixture.script(fixture.hooks.resolve("docker-setup"), "#!/opt/nowhere/ruby\n", "rwxr-xr-x");
    HookFixture.script(fixture.hooks.resolve("pre-app-boot"), "#!/usr/bin/env no-such-interp-hk\n", "rwxr-xr-x");
    HookFixture.script(fixture.hooks.resolve("pre-deploy.d/20-off"), "#!/bin/sh\n", "rw-r--r--");
    assertThat(findings()).containsExactly(
        "ERROR .kamal/hooks/deploy-notify: is not a hook name, so it never runs (hooks: pre-connect, pre-build,"
            + " pre-deploy, post-deploy, docker-setup, docker-install, pre-app-boot, post-app-boot, pre-app-remove,"
            + " post-app-remove, pre-proxy-reboot, post-proxy-reboot, post-deploy-failure)",
        "ERROR .kamal/hooks/docker-setup: its interpreter /opt/nowhere/ruby does not exist here",
        "ERROR .kamal/hooks/post-app-boot: is a directory; a hook must be an executable file (several scripts go"
            + " in .kamal/hooks/post-app-boot.d/)",
        "ERROR .kamal/hooks/post-deploy: has Windows line endings (CRLF): the interpreter would be looked up with"
            + " a trailing carriage return; convert it with dos2unix or sed -i 's/\\r$//'",
        "ERROR .kamal/hooks/pre-app-boot: its interpreter no-such-interp-hk is not on the PATH",
        "ERROR .kamal/hooks/pre-build.sh: is ignored: a hook file has no extension; rename it to pre-build"
            + " (mv pre-build.sh pre-build)",
        "WARN  .kamal/hooks/pre-connect: has no #! line, so it runs with /bin/sh (add e.g. #!/bin/sh or"
            + " #!/usr/bin/env bash)",
        "ERROR .kamal/hooks/pre-deploy: is not executable: run chmod +x .kamal/hooks/pre-deploy",
        "WARN  .kamal/hooks/pre-deploy.d/20-off: is not executable, so it is skipped"
            + " (chmod +x .kamal/hooks/pre-deploy.d/20-off to run it)",
        "ERROR .kamal/hooks/pre-traefik-reboot: Kamal 1 name: rename it to pre-proxy-reboot (Kamal 2 refuses to"
            + " load a configuration while it exists)");
  }
}

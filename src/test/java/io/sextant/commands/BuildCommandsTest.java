package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildCommandsTest {
  private final BuildCommands plain =
      new BuildCommands("app", null, "registry:5000/dhh/app", "999", null, null, null, null, null);

  @Test
  void latestTagCarriesTheDestination() {
    BuildCommands commands = new BuildCommands("app", "staging", "dhh/app", "999", null, null, null, null, null);
    assertThat(commands.image()).isEqualTo("dhh/app:999");
    assertThat(commands.latestImage()).isEqualTo("dhh/app:latest-staging");
  }

  @Test
  void cleanRemovesTheVersion() {
    assertThat(plain.clean()).containsExactly("docker", "image", "rm", "--force", "registry:5000/dhh/app:999");
  }

  @Test
  void remotePullAndValidate() {
    assertThat(plain.pull()).isEqualTo("docker pull registry:5000/dhh/app:999");
    assertThat(plain.validateImage()).isEqualTo(
        "docker inspect -f '{{ .Config.Labels.service }}' registry:5000/dhh/app:999 | grep -x app"
            + " || (echo 'Image registry:5000/dhh/app:999 is missing the '\\''service'\\'' label' && exit 1)");
  }

  @Test
  void pullScriptLogsInWithThePasswordOnStdinThenPullsThenChecksTheLabel() {
    String script = plain.pullScript(new RegistryCommands("registry:5000", "dhh")).render();
    assertThat(script).contains("""
        ( docker login registry:5000 -u dhh --password-stdin
        ) 2>"$sx_t" || sx_failed 1 $?; sx_err
        ( docker pull registry:5000/dhh/app:999
        ) </dev/null 2>"$sx_t" || sx_failed 2 $?; sx_err
        ( docker inspect -f '{{ .Config.Labels.service }}' registry:5000/dhh/app:999 | grep -x app \
        || (echo 'Image registry:5000/dhh/app:999 is missing the '\\''service'\\'' label' && exit 1)
        ) </dev/null 2>"$sx_t" || sx_failed 3 $?; sx_err
        """);
    StepScript steps = plain.pullScript(new RegistryCommands("registry:5000", "dhh"));
    assertThat(steps.read(1, "", "sextant: step 1 failed (exit 1)\nError: unauthorized\n").failedStep())
        .isEqualTo("docker login");
    assertThat(steps.read(1, "", "sextant: step 2 failed (exit 1)\n").failedStep())
        .isEqualTo("docker pull registry:5000/dhh/app:999");
    assertThat(steps.read(1, "", "sextant: step 3 failed (exit 1)\n").failedStep()).isEqualTo("image label check");
  }

  @Test
  void pullScriptWithoutARegistryOnlyPullsAndChecks() {
    String script = plain.pullScript(null).render();
    assertThat(script).doesNotContain("docker login").contains("sx_failed 2 $?").doesNotContain("sx_failed 3");
    assertThat(plain.pullScript(null).read(1, "", "sextant: step 1 failed (exit 1)\n").failedStep())
        .isEqualTo("docker pull registry:5000/dhh/app:999");
  }
}

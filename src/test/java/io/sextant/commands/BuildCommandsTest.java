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
  void buildTagsVersionAndLatestWithTheServiceLabel() {
    assertThat(plain.build()).containsExactly(
        "docker", "build", "-t", "registry:5000/dhh/app:999", "-t", "registry:5000/dhh/app:latest",
        "--label", "service=app", "--file", "Dockerfile", ".");
  }

  @Test
  void buildWithArgsSecretsDockerfileTargetContextAndDestination() {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("RUBY_VERSION", "3.3");
    args.put("NOTE", "a b");
    BuildCommands commands = new BuildCommands("app", "staging", "dhh/app", "999", args,
        List.of("GITHUB_TOKEN"), "Dockerfile.prod", "prod", "./web");

    assertThat(commands.build()).containsExactly(
        "docker", "build", "-t", "dhh/app:999", "-t", "dhh/app:latest-staging", "--label", "service=app",
        "--build-arg", "RUBY_VERSION=3.3", "--build-arg", "NOTE=a b", "--secret", "id=GITHUB_TOKEN",
        "--file", "Dockerfile.prod", "--target", "prod", "./web");
  }

  @Test
  void pushBothTags() {
    assertThat(plain.push()).containsExactly(
        List.of("docker", "push", "registry:5000/dhh/app:999"),
        List.of("docker", "push", "registry:5000/dhh/app:latest"));
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

  @Test
  void gitCommands() {
    assertThat(BuildCommands.gitClone(Path.of("/src/app"), Path.of("/tmp/b")))
        .containsExactly("git", "clone", "--quiet", "--no-hardlinks", "--recurse-submodules", "/src/app", "/tmp/b");
    assertThat(BuildCommands.gitResetHard(Path.of("/tmp/b"), "abc"))
        .containsExactly("git", "-C", "/tmp/b", "reset", "--quiet", "--hard", "abc");
    assertThat(BuildCommands.gitStatus(Path.of("/src/app")))
        .containsExactly("git", "-C", "/src/app", "status", "--porcelain");
  }
}

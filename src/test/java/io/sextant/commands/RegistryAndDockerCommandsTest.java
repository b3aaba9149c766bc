package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryAndDockerCommandsTest {
  @Test
  void loginTakesThePasswordOnStdinOnly() {
    RegistryCommands registry = new RegistryCommands("registry.example.com:5000", "dhh");
    assertThat(registry.login()).isEqualTo("docker login registry.example.com:5000 -u dhh --password-stdin");
    assertThat(registry.localLogin())
        .containsExactly("docker", "login", "registry.example.com:5000", "-u", "dhh", "--password-stdin");
    assertThat(registry.logout()).isEqualTo("docker logout registry.example.com:5000");
  }

  @Test
  void dockerHubHasNoServerWord() {
    RegistryCommands hub = new RegistryCommands(null, "my user");
    assertThat(hub.login()).isEqualTo("docker login -u 'my user' --password-stdin");
    assertThat(hub.logout()).isEqualTo("docker logout");
  }

  @Test
  void dockerChecks() {
    assertThat(DockerCommands.installed()).isEqualTo("docker -v");
    assertThat(DockerCommands.running()).isEqualTo("docker version");
    assertThat(DockerCommands.ensureNetwork())
        .isEqualTo("docker network inspect kamal >/dev/null 2>&1 || docker network create kamal");
    assertThat(DockerCommands.superuser()).isEqualTo(
        "[ \"${EUID:-$(id -u)}\" -eq 0 ] || command -v sudo >/dev/null || command -v su >/dev/null");
    assertThat(DockerCommands.localInstalled()).containsExactly("docker", "--version");
    assertThat(DockerCommands.install()).isEqualTo(
        "sh -c 'curl -fsSL https://get.docker.com || wget -O - https://get.docker.com || echo \"exit 1\"' | sh");
    assertThat(DockerCommands.ensureRunDirectory()).isEqualTo("mkdir -p .kamal");
    assertThat(DockerCommands.localArchitecture()).containsExactly("docker", "info", "--format", "{{.Architecture}}");
    assertThat(DockerCommands.dockerArch("x86_64\n")).isEqualTo("amd64");
    assertThat(DockerCommands.dockerArch("aarch64")).isEqualTo("arm64");
    assertThat(DockerCommands.dockerArch("riscv64")).isEqualTo("riscv64");
  }

  @Test
  void prune() {
    PruneCommands prune = new PruneCommands("app", null, "dhh/app");
    assertThat(prune.danglingImages()).isEqualTo("docker image prune --force --filter label=service=app");
    assertThat(prune.taggedImages()).isEqualTo(
        "docker image ls --filter label=service=app --format '{{.ID}} {{.Repository}}:{{.Tag}}'"
            + " | grep -v -w \"$(docker container ls -a --format '{{.Image}}\\|' --filter label=service=app"
            + " | tr -d '\\n')dhh/app:<none>\\|[^ ]*:latest\\(-[^ ]*\\)\\?$\""
            + " | while read image tag; do docker rmi $tag; done");
    assertThat(new PruneCommands("app", "staging", "dhh/app").appContainers(5)).isEqualTo(
        "docker ps -q -a --filter label=service=app --filter label=destination=staging --filter status=created"
            + " --filter status=exited --filter status=dead | tail -n +6"
            + " | while read container_id; do docker rm $container_id; done");
  }
}

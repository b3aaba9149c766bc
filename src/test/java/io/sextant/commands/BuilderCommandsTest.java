package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.LoadedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests: every expected line is Kamal 2.12's, from test/commands/builder_test.rb (cited by line as
 * {@code K:builder_test.rb:N}), test/cli/build_test.rb ({@code K:build_test.rb:N}) or
 * test/configuration/builder_test.rb ({@code K:config/builder_test.rb:N}). Kamal's tests ask the local Docker for
 * its architecture; here the local one is amd64 and the remote one arm64.
 */
class BuilderCommandsTest {
  @TempDir Path dir;

  /** Kamal's test configuration (K:builder_test.rb:4-6) with {@code builder} and {@code registry} merged in. */
  private BuilderCommands builder(String builderKeys, String registryKeys, Map<String, String> secrets)
      throws IOException {
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/deploy.yml"), "service: app\nimage: dhh/app\nservers:\n  - 1.1.1.1\n"
        + "registry:\n  username: dhh\n  password: secret\n" + registryKeys.indent(2)
        + "builder:\n" + builderKeys.indent(2));
    LoadedConfig loaded = ConfigLoader.load(new ConfigRequest(dir, null, null, "123", Map.of()));
    return BuilderCommands.of(loaded.config(), "123", "amd64", secrets);
  }

  private BuilderCommands builder(String builderKeys) throws IOException {
    return builder(builderKeys, "", Map.of());
  }

  private static String push(BuilderCommands builder) {
    return BuilderCommands.line(builder.push("registry", false, false));
  }

  private static final String BUILD = "docker buildx build --output=type=registry --platform linux/amd64 ";
  private static final String TAGS = "-t dhh/app:123 -t dhh/app:latest";

  @Test
  void localBuilderWithGhaCacheIsKamalsDefault() throws IOException { // K:builder_test.rb:8-14, 24-30
    BuilderCommands builder = builder("arch: amd64\ncache:\n  type: gha\n");
    assertThat(builder.name()).isEqualTo("local");
    assertThat(push(builder)).isEqualTo(BUILD + "--builder kamal-local-docker-container " + TAGS
        + " --cache-to type=gha --cache-from type=gha --label service=\"app\" --file Dockerfile . 2>&1");
  }

  @Test
  void archAsAList() throws IOException { // K:builder_test.rb:16-22
    BuilderCommands builder = builder("arch:\n  - amd64\n");
    assertThat(builder.name()).isEqualTo("local");
    assertThat(push(builder)).isEqualTo(BUILD + "--builder kamal-local-docker-container " + TAGS
        + " --label service=\"app\" --file Dockerfile . 2>&1");
  }

  @Test
  void hybridWhenRemoteIsSetAndBuildingMultiarch() throws IOException { // K:builder_test.rb:32-38
    BuilderCommands builder = builder("arch: [amd64, arm64]\nremote: ssh://app@127.0.0.1\ncache:\n  type: gha\n");
    assertThat(builder.name()).isEqualTo("hybrid");
    assertThat(push(builder)).isEqualTo("docker buildx build --output=type=registry --platform linux/amd64,linux/arm64"
        + " --builder kamal-hybrid-docker-container-ssh---app-127-0-0-1 " + TAGS
        + " --cache-to type=gha --cache-from type=gha --label service=\"app\" --file Dockerfile . 2>&1");
    assertThat(builder.pushEnv()).containsExactly(Map.entry("BUILDKIT_NO_CLIENT_TOKEN", "1"));
  }

  @Test
  void remoteWhenLocalIsDisabled() throws IOException { // K:builder_test.rb:40-46
    BuilderCommands builder = builder("arch: [amd64, arm64]\nremote: ssh://app@127.0.0.1\ncache:\n  type: gha\n"
        + "local: false\n");
    assertThat(builder.name()).isEqualTo("remote");
    assertThat(push(builder)).isEqualTo("docker buildx build --output=type=registry --platform linux/amd64,linux/arm64"
        + " --builder kamal-remote-ssh---app-127-0-0-1 " + TAGS
        + " --cache-to type=gha --cache-from type=gha --label service=\"app\" --file Dockerfile . 2>&1");
    assertThat(builder.loginToRegistryLocally()).isFalse();
  }

  @Test
  void remoteWhenTheArchIsNotLocal() throws IOException { // K:builder_test.rb:48-54
    BuilderCommands builder = builder("arch: [arm64]\nremote: ssh://app@host\ncache:\n  type: gha\n");
    assertThat(builder.name()).isEqualTo("remote");
    assertThat(push(builder)).isEqualTo("docker buildx build --output=type=registry --platform linux/arm64"
        + " --builder kamal-remote-ssh---app-host " + TAGS
        + " --cache-to type=gha --cache-from type=gha --label service=\"app\" --file Dockerfile . 2>&1");
  }

  @Test
  void localWhenRemoteIsSetButTheArchIsLocal() throws IOException { // K:builder_test.rb:56-62
    BuilderCommands builder = builder("arch: [amd64]\nremote: ssh://app@host\ncache:\n  type: gha\n");
    assertThat(builder.name()).isEqualTo("local");
    assertThat(push(builder)).isEqualTo(BUILD + "--builder kamal-local-docker-container " + TAGS
        + " --cache-to type=gha --cache-from type=gha --label service=\"app\" --file Dockerfile . 2>&1");
    assertThat(builder.loginToRegistryLocally()).isTrue();
    assertThat(builder.pushEnv()).isEmpty();
  }

  private static final String PACK = "arch: amd64\npack:\n  builder: heroku/builder:24\n"
      + "  buildpacks:\n    - heroku/ruby\n    - heroku/procfile\n";
  private static final String PACK_BUILD = "pack build dhh/app --platform linux/amd64 --creation-time now"
      + " --builder heroku/builder:24 --buildpack heroku/ruby --buildpack heroku/procfile"
      + " --buildpack paketo-buildpacks/image-labels -t dhh/app:123 -t dhh/app:latest";
  private static final String PACK_PUSH = " && docker push dhh/app:123 && docker push dhh/app:latest";

  @Test
  void pack() throws IOException { // K:builder_test.rb:64-70
    BuilderCommands builder = builder(PACK);
    assertThat(builder.name()).isEqualTo("pack");
    assertThat(push(builder)).isEqualTo(PACK_BUILD + " --env BP_IMAGE_LABELS=service=app --path ." + PACK_PUSH);
    assertThat(builder.create()).isEmpty();
    assertThat(builder.remove()).isEmpty();
    assertThat(BuilderCommands.line(builder.info())).isEqualTo("pack builder inspect heroku/builder:24");
  }

  @Test
  void packBuildArgsAsEnvAndNoCacheClearsTheCache() throws IOException { // K:builder_test.rb:72-86
    BuilderCommands builder = builder(PACK + "args:\n  a: 1\n  b: 2\n");
    assertThat(push(builder)).isEqualTo(PACK_BUILD
        + " --env BP_IMAGE_LABELS=service=app --env a=\"1\" --env b=\"2\" --path ." + PACK_PUSH);
    assertThat(BuilderCommands.line(builder.push("registry", false, true))).isEqualTo(PACK_BUILD
        + " --clear-cache --env BP_IMAGE_LABELS=service=app --env a=\"1\" --env b=\"2\" --path ." + PACK_PUSH);
  }

  @Test
  void packBuildSecretsAsEnv() throws IOException { // K:builder_test.rb:88-96
    BuilderCommands builder = builder(PACK + "secrets:\n  - token_a\n  - token_b\n", "",
        Map.of("token_a", "foo", "token_b", "bar"));
    assertThat(push(builder)).isEqualTo(PACK_BUILD
        + " --env BP_IMAGE_LABELS=service=app --env token_a=\"foo\" --env token_b=\"bar\" --path ." + PACK_PUSH);
    assertThat(builder.toString()).doesNotContain("foo", "bar");
  }

  @Test
  void cloudBuilder() throws IOException { // K:builder_test.rb:98-104, K:build_test.rb:363-367, 381-385
    BuilderCommands builder = builder("arch: [amd64]\ndriver: cloud docker-org-name/builder-name\n");
    assertThat(builder.name()).isEqualTo("cloud");
    assertThat(push(builder)).isEqualTo(BUILD + "--builder cloud-docker-org-name-builder-name " + TAGS
        + " --label service=\"app\" --file Dockerfile . 2>&1");
    assertThat(BuilderCommands.line(builder.create()))
        .isEqualTo("docker buildx create --driver cloud docker-org-name/builder-name");
    assertThat(BuilderCommands.line(builder.remove())).isEqualTo("docker buildx rm cloud-docker-org-name-builder-name");
  }

  @Test
  void buildArgs() throws IOException { // K:builder_test.rb:106-111
    assertThat(BuilderCommands.line(builder("arch: amd64\nargs:\n  a: 1\n  b: 2\n").buildOptions()))
        .isEqualTo("--label service=\"app\" --build-arg a=\"1\" --build-arg b=\"2\" --file Dockerfile");
  }

  @Test
  void buildSecrets() throws IOException { // K:builder_test.rb:113-121
    assertThat(BuilderCommands.line(builder("arch: amd64\nsecrets:\n  - token_a\n  - token_b\n").buildOptions()))
        .isEqualTo("--label service=\"app\" --secret id=\"token_a\" --secret id=\"token_b\" --file Dockerfile");
  }

  @Test
  void buildDockerfileAndTarget() throws IOException { // K:builder_test.rb:123-129, 139-144
    assertThat(BuilderCommands.line(builder("arch: amd64\ndockerfile: Dockerfile.xyz\n").buildOptions()))
        .isEqualTo("--label service=\"app\" --file Dockerfile.xyz");
    assertThat(BuilderCommands.line(builder("arch: amd64\ntarget: prod\n").buildOptions()))
        .isEqualTo("--label service=\"app\" --file Dockerfile --target prod");
  }

  @Test
  void buildContext() throws IOException { // K:builder_test.rb:146-151, 182-187
    assertThat(push(builder("arch: amd64\ncontext: ..\n"))).isEqualTo(BUILD
        + "--builder kamal-local-docker-container " + TAGS + " --label service=\"app\" --file Dockerfile .. 2>&1");
    assertThat(push(builder("arch: amd64\ncontext: ./foo\n"))).isEqualTo(BUILD
        + "--builder kamal-local-docker-container " + TAGS + " --label service=\"app\" --file Dockerfile ./foo 2>&1");
  }

  @Test
  void pushWithBuildArgsAndSecrets() throws IOException { // K:builder_test.rb:153-168
    assertThat(push(builder("arch: amd64\nargs:\n  a: 1\n  b: 2\n"))).isEqualTo(BUILD
        + "--builder kamal-local-docker-container " + TAGS
        + " --label service=\"app\" --build-arg a=\"1\" --build-arg b=\"2\" --file Dockerfile . 2>&1");
    assertThat(push(builder("arch: amd64\nsecrets:\n  - a\n  - b\n"))).isEqualTo(BUILD
        + "--builder kamal-local-docker-container " + TAGS
        + " --label service=\"app\" --secret id=\"a\" --secret id=\"b\" --file Dockerfile . 2>&1");
  }

  @Test
  void sshAgentSocket() throws IOException { // K:builder_test.rb:170-176
    assertThat(BuilderCommands.line(builder("arch: amd64\nssh: default=$SSH_AUTH_SOCK\n").buildOptions()))
        .isEqualTo("--label service=\"app\" --file Dockerfile --ssh default=$SSH_AUTH_SOCK");
  }

  @Test
  void provenanceAndSbom() throws IOException { // K:builder_test.rb:189-215
    String prefix = BUILD + "--builder kamal-local-docker-container " + TAGS + " --label service=\"app\" --file Dockerfile";
    assertThat(push(builder("arch: amd64\nprovenance: mode=max\n"))).isEqualTo(prefix + " --provenance mode=max . 2>&1");
    assertThat(push(builder("arch: amd64\nprovenance: false\n"))).isEqualTo(prefix + " --provenance false . 2>&1");
    assertThat(push(builder("arch: amd64\nsbom: true\n"))).isEqualTo(prefix + " --sbom true . 2>&1");
    assertThat(push(builder("arch: amd64\nsbom: false\n"))).isEqualTo(prefix + " --sbom false . 2>&1");
  }

  @Test
  void noCache() throws IOException { // K:builder_test.rb:222-227
    assertThat(BuilderCommands.line(builder("arch: amd64\n").push("registry", false, true))).isEqualTo(BUILD
        + "--builder kamal-local-docker-container " + TAGS + " --label service=\"app\" --file Dockerfile --no-cache . 2>&1");
  }

  @Test
  void localBuilderWithALocalRegistryGetsHostNetworking() throws IOException { // K:builder_test.rb:252-258
    BuilderCommands builder = builder("arch: amd64\n", "server: localhost:5000\n", Map.of());
    assertThat(builder.name()).isEqualTo("local");
    assertThat(BuilderCommands.line(builder.create())).isEqualTo(
        "docker buildx create --name kamal-local-registry-docker-container --driver=docker-container --driver-opt network=host");
  }

  @Test
  void remoteBuilderWithALocalRegistry() throws IOException { // K:builder_test.rb:260-269
    BuilderCommands builder = builder("arch: arm64\nremote: ssh://app@1.1.1.5\n", "server: localhost:5000\n", Map.of());
    assertThat(builder.name()).isEqualTo("remote");
    assertThat(BuilderCommands.line(builder.create())).isEqualTo("docker context create"
        + " kamal-remote-ssh---app-1-1-1-5-local-registry-context --description"
        + " 'kamal-remote-ssh---app-1-1-1-5-local-registry host' --docker 'host=ssh://app@1.1.1.5' ;"
        + " docker buildx create --name kamal-remote-ssh---app-1-1-1-5-local-registry --driver-opt network=host"
        + " kamal-remote-ssh---app-1-1-1-5-local-registry-context");
  }

  @Test
  void hybridBuilderWithALocalRegistry() throws IOException { // K:builder_test.rb:271-280
    BuilderCommands builder = builder("arch: [amd64, arm64]\nremote: ssh://app@1.1.1.5\n", "server: localhost:5000\n",
        Map.of());
    assertThat(builder.name()).isEqualTo("hybrid");
    assertThat(BuilderCommands.line(builder.create())).isEqualTo("docker buildx create --platform linux/amd64"
        + " --name kamal-hybrid-docker-container-ssh---app-1-1-1-5-local-registry --driver=docker-container"
        + " --driver-opt network=host && docker context create"
        + " kamal-hybrid-docker-container-ssh---app-1-1-1-5-local-registry-context --description"
        + " 'kamal-hybrid-docker-container-ssh---app-1-1-1-5-local-registry host' --docker 'host=ssh://app@1.1.1.5'"
        + " && docker buildx create --platform linux/arm64 --append"
        + " --name kamal-hybrid-docker-container-ssh---app-1-1-1-5-local-registry --driver-opt network=host"
        + " kamal-hybrid-docker-container-ssh---app-1-1-1-5-local-registry-context");
  }

  @Test
  void createAndRemoveALocalBuilder() throws IOException { // K:build_test.rb:341-345, 387-391
    BuilderCommands builder = builder("arch: amd64\n");
    assertThat(BuilderCommands.line(builder.create()))
        .isEqualTo("docker buildx create --name kamal-local-docker-container --driver=docker-container");
    assertThat(BuilderCommands.line(builder.remove())).isEqualTo("docker buildx rm kamal-local-docker-container");
    assertThat(BuilderCommands.line(builder.inspectBuilder()))
        .isEqualTo("docker buildx inspect kamal-local-docker-container");
    assertThat(BuilderCommands.line(builder.info())).isEqualTo("docker context ls && docker buildx ls");
  }

  @Test
  void theDockerDriverNeedsNoBuilder() throws IOException { // K:commands/builder/local.rb:2-10, base.rb:17-27
    BuilderCommands builder = builder("arch: amd64\ndriver: docker\n");
    assertThat(builder.create()).isEmpty();
    assertThat(builder.remove()).isEmpty();
    assertThat(builder.inspectBuilder()).isEmpty();
    assertThat(push(builder)).isEqualTo(BUILD + TAGS + " --label service=\"app\" --file Dockerfile . 2>&1");
  }

  @Test
  void createRemoteAndItsCheck() throws IOException { // K:build_test.rb:347-353, 41-49
    BuilderCommands builder = builder("arch: arm64\nremote: ssh://app@1.1.1.5\n");
    assertThat(BuilderCommands.line(builder.create())).isEqualTo("docker context create"
        + " kamal-remote-ssh---app-1-1-1-5-context --description 'kamal-remote-ssh---app-1-1-1-5 host'"
        + " --docker 'host=ssh://app@1.1.1.5' ; docker buildx create --name kamal-remote-ssh---app-1-1-1-5"
        + " kamal-remote-ssh---app-1-1-1-5-context");
    assertThat(BuilderCommands.line(builder.inspectBuilder())).isEqualTo("docker buildx inspect"
        + " kamal-remote-ssh---app-1-1-1-5 | grep -q Endpoint:.*kamal-remote-ssh---app-1-1-1-5-context && docker context"
        + " inspect kamal-remote-ssh---app-1-1-1-5-context --format '{{.Endpoints.docker.Host}}' | grep -xq"
        + " ssh://app@1.1.1.5 || (echo no compatible builder && exit 1)");
    assertThat(BuilderCommands.line(builder.remove())).isEqualTo("docker context rm kamal-remote-ssh---app-1-1-1-5-context"
        + " ; docker buildx rm kamal-remote-ssh---app-1-1-1-5");
    assertThat(BuilderCommands.line(builder.info())).isEqualTo("docker context ls ; docker buildx ls");
  }

  @Test
  void createRemoteWithACustomPort() throws IOException { // K:build_test.rb:355-361
    assertThat(BuilderCommands.line(builder("arch: arm64\nremote: ssh://app@1.1.1.5:2122\n").create()))
        .isEqualTo("docker context create kamal-remote-ssh---app-1-1-1-5-2122-context --description"
            + " 'kamal-remote-ssh---app-1-1-1-5-2122 host' --docker 'host=ssh://app@1.1.1.5:2122' ;"
            + " docker buildx create --name kamal-remote-ssh---app-1-1-1-5-2122 kamal-remote-ssh---app-1-1-1-5-2122-context");
  }

  @Test
  void devTagsAsDirtyAndExportsToDocker() throws IOException { // K:build_test.rb:405-437
    BuilderCommands builder = builder("arch: amd64\n");
    assertThat(BuilderCommands.line(builder.push("docker", true, false))).isEqualTo(
        "docker buildx build --output=type=docker --platform linux/amd64 --builder kamal-local-docker-container"
            + " -t dhh/app:123-dirty -t dhh/app:latest-dirty --label service=\"app\" --file Dockerfile . 2>&1");
    assertThat(BuilderCommands.line(builder.push("local", true, true))).isEqualTo(
        "docker buildx build --output=type=local --platform linux/amd64 --builder kamal-local-docker-container"
            + " -t dhh/app:123-dirty -t dhh/app:latest-dirty --label service=\"app\" --file Dockerfile --no-cache . 2>&1");
  }

  @Test
  void registryCache() throws IOException { // K:config/builder_test.rb:73-100
    BuilderCommands gha = builder("arch: amd64\ncache:\n  type: gha\n  options: mode=max,scope=test\n");
    assertThat(gha.cacheFrom()).isEqualTo("type=gha,scope=test");
    assertThat(gha.cacheTo()).isEqualTo("type=gha,mode=max,scope=test");
    BuilderCommands registry = builder("arch: amd64\ncache:\n  type: registry\n"
        + "  options: mode=max,image-manifest=true,oci-mediatypes=true\n");
    assertThat(registry.cacheFrom()).isEqualTo("type=registry,ref=dhh/app-build-cache");
    assertThat(registry.cacheTo())
        .isEqualTo("type=registry,ref=dhh/app-build-cache,mode=max,image-manifest=true,oci-mediatypes=true");
    BuilderCommands custom = builder("arch: amd64\ncache:\n  type: registry\n"
        + "  options: mode=max,image-manifest=true,oci-mediatypes=true\n", "server: registry.example.com\n", Map.of());
    assertThat(custom.cacheFrom()).isEqualTo("type=registry,ref=registry.example.com/dhh/app-build-cache");
    BuilderCommands image = builder("arch: amd64\ncache:\n  type: registry\n  image: kamal\n  options: mode=max\n");
    assertThat(image.cacheFrom()).isEqualTo("type=registry,ref=kamal");
    assertThat(image.cacheTo()).isEqualTo("type=registry,ref=kamal,mode=max");
    assertThat(builder("arch: amd64\n").cacheFrom()).isNull();
  }

  @Test
  void localDisabledMakesEveryArchRemote() throws IOException { // K:config/builder_test.rb:176-183
    BuilderCommands builder = builder("arch: [amd64, arm64]\nremote: ssh://root@192.168.0.1\nlocal: false\n");
    assertThat(builder.localArches()).isEmpty();
    assertThat(builder.remoteArches()).isEqualTo(List.of("amd64", "arm64"));
  }

  @Test
  void ensureDockerInstalled() { // K:build_test.rb:26
    assertThat(BuilderCommands.line(BuilderCommands.ensureDockerInstalled()))
        .isEqualTo("docker --version && docker buildx version");
  }
}

package io.sextant.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.DeployConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden asset-bridging lines after Kamal 2.12's tests ({@code K:} = basecamp/kamal at v2.12.0), for configurations
 * loaded from YAML as a user writes them. Differences are Sextant's quoting only: {@code '!'} and {@code '{}'} for
 * Kamal's {@code !} and {@code "{}"}, and {@code "$PWD"} quoted against a home directory with spaces.
 */
class AssetCommandsTest {
  @TempDir Path dir;

  /** Kamal's {@code deploy_with_roles} (K:test/configuration/role_test.rb:5-20) plus {@code extra}, version 999. */
  private DeployConfig load(String servers, String extra, String destination) throws IOException {
    Path file = dir.resolve("config/deploy.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "service: app\nimage: dhh/app\nregistry:\n  username: dhh\n  password: secret\n"
        + "builder:\n  arch: amd64\nservers:\n" + servers + extra);
    if (destination != null) {
      Files.writeString(dir.resolve("config/deploy." + destination + ".yml"), "drain_timeout: 30\n");
    }
    return ConfigLoader.load(new ConfigRequest(dir, null, destination, "999", Map.of())).config();
  }

  private static final String ROLES = "  web: [1.1.1.1, 1.1.1.2]\n  workers:\n    hosts: [1.1.1.3, 1.1.1.4]\n";

  private static AssetCommands assets(DeployConfig config, String role) {
    return AssetCommands.of(config, config.role(role).orElseThrow(), "999").orElseThrow();
  }

  @Test
  void extractCopiesTheAssetPathOutOfTheNewImage() throws IOException {
    // K:test/commands/app_test.rb:547-555
    DeployConfig config = load(ROLES, "asset_path: /public/assets\n", null);
    assertThat(assets(config, "web").extract()).isEqualTo(
        "mkdir -p .kamal/apps/app/assets/extracted/web-999"
            + " && docker container rm app-web-assets 2> /dev/null || true"
            + " && docker container create --name app-web-assets dhh/app:999"
            + " && docker container cp -L app-web-assets:/public/assets/. .kamal/apps/app/assets/extracted/web-999"
            + " && docker container rm app-web-assets");
  }

  @Test
  void syncFillsTheNewVolumeAndCrossCopiesWithTheOldVersion() throws IOException {
    // K:test/commands/app_test.rb:557-569
    AssetCommands web = assets(load(ROLES, "asset_path: /public/assets\n", null), "web");
    assertThat(web.syncVolumes(null)).isEqualTo(
        "mkdir -p .kamal/apps/app/assets/volumes/web-999"
            + " ; cp -rnT .kamal/apps/app/assets/extracted/web-999 .kamal/apps/app/assets/volumes/web-999");
    assertThat(web.syncVolumes("")).isEqualTo(web.syncVolumes(null));
    assertThat(web.syncVolumes("998")).isEqualTo(
        "mkdir -p .kamal/apps/app/assets/volumes/web-999"
            + " ; cp -rnT .kamal/apps/app/assets/extracted/web-999 .kamal/apps/app/assets/volumes/web-999"
            + " ; cp -rnT .kamal/apps/app/assets/extracted/web-999 .kamal/apps/app/assets/volumes/web-998 || true"
            + " ; cp -rnT .kamal/apps/app/assets/extracted/web-998 .kamal/apps/app/assets/volumes/web-999 || true");
  }

  @Test
  void cleanUpRemovesEveryOtherVersionOfTheRole() throws IOException {
    // K:test/commands/app_test.rb:571-576
    AssetCommands web = assets(load(ROLES, "asset_path: /public/assets\n", null), "web");
    assertThat(web.cleanUp()).isEqualTo(
        "find .kamal/apps/app/assets/extracted -maxdepth 1 -name 'web-*' '!' -name web-999 -exec rm -rf '{}' +"
            + " ; find .kamal/apps/app/assets/volumes -maxdepth 1 -name 'web-*' '!' -name web-999 -exec rm -rf '{}' +");
  }

  @Test
  void theRootAssetPathAppliesOnlyToRolesBehindTheProxy() throws IOException {
    // K:test/configuration/role_test.rb:203-220: workers (no proxy) get no volume
    DeployConfig config = load(ROLES, "asset_path: foo\n", null);
    AssetCommands web = assets(config, "web");
    assertThat(web.assetPath()).isEqualTo("foo");
    assertThat(web.volume()).isEqualTo("\"$PWD\"/.kamal/apps/app/assets/volumes/web-999:foo");
    assertThat(AssetCommands.of(config, config.role("workers").orElseThrow(), "999")).isEmpty();
    assertThat(AssetCommands.bridges(config, config.role("workers").orElseThrow())).isFalse();
    assertThat(AssetCommands.bridges(config, config.role("web").orElseThrow())).isTrue();
  }

  @Test
  void aRoleAssetPathWinsOverTheRootOne() throws IOException {
    // K:test/configuration/role_test.rb:222-230
    DeployConfig config = load("  web:\n    hosts: [1.1.1.1, 1.1.1.2]\n    asset_path: bar\n"
        + "  workers:\n    hosts: [1.1.1.3, 1.1.1.4]\n", "asset_path: foo\n", null);
    assertThat(assets(config, "web").volume()).isEqualTo("\"$PWD\"/.kamal/apps/app/assets/volumes/web-999:bar");
    assertThat(AssetCommands.bridges(config, config.role("workers").orElseThrow())).isFalse();
  }

  @Test
  void aRoleBehindTheProxyOfItsOwnBridgesItsAssetsToo() throws IOException {
    // K:lib/kamal/configuration/role.rb:137-139: assets? is asset_path.present? && running_proxy?
    DeployConfig config = load("  web: [1.1.1.1]\n  api:\n    hosts: [1.1.1.3]\n    proxy:\n      host: api.example.com\n"
        + "    asset_path: /app/public/assets\n", "", null);
    assertThat(assets(config, "api").volume())
        .isEqualTo("\"$PWD\"/.kamal/apps/app/assets/volumes/api-999:/app/public/assets");
    assertThat(AssetCommands.bridges(config, config.role("web").orElseThrow())).isFalse();
  }

  @Test
  void mountOptionsFollowTheSecondColon() throws IOException {
    // K:test/configuration/role_test.rb:236-252
    AssetCommands root = assets(load(ROLES, "asset_path: /rails/public/assets:z\n", null), "web");
    assertThat(root.assetPath()).isEqualTo("/rails/public/assets");
    assertThat(root.mountOptions()).isEqualTo("z");
    assertThat(root.volume()).isEqualTo("\"$PWD\"/.kamal/apps/app/assets/volumes/web-999:/rails/public/assets:z");
    assertThat(root.extract()).contains(" app-web-assets:/rails/public/assets/. ");
    AssetCommands role = assets(load("  web:\n    hosts: [1.1.1.1, 1.1.1.2]\n    asset_path: /assets:ro,z\n",
        "", null), "web");
    assertThat(role.volume()).isEqualTo("\"$PWD\"/.kamal/apps/app/assets/volumes/web-999:/assets:ro,z");
  }

  @Test
  void aBlankAssetPathBridgesNothing() throws IOException {
    // K:lib/kamal/configuration/role.rb:239-245: a blank path (also a role's, over the root one) is no asset path
    DeployConfig config = load("  web:\n    hosts: [1.1.1.1]\n    asset_path: \"\"\n", "asset_path: foo\n", null);
    assertThat(AssetCommands.bridges(config, config.role("web").orElseThrow())).isFalse();
    DeployConfig emptyPath = load("  web: [1.1.1.1]\n", "asset_path: \":ro\"\n", null);
    assertThat(AssetCommands.bridges(emptyPath, emptyPath.role("web").orElseThrow())).isFalse();
  }

  @Test
  void directoriesLiveUnderTheAppDirectoryOfTheDestination() throws IOException {
    // K:test/configuration/role_test.rb:257-268; K:lib/kamal/configuration.rb:264-266 (app_directory has the
    // destination)
    AssetCommands web = assets(load(ROLES, "asset_path: /public/assets\n", null), "web");
    assertThat(web.extractedDirectory("12345")).isEqualTo(".kamal/apps/app/assets/extracted/web-12345");
    assertThat(web.volumeDirectory("12345")).isEqualTo(".kamal/apps/app/assets/volumes/web-12345");
    AssetCommands staging = assets(load(ROLES, "asset_path: /public/assets\n", "staging"), "web");
    assertThat(staging.extract()).isEqualTo(
        "mkdir -p .kamal/apps/app-staging/assets/extracted/web-999"
            + " && docker container rm app-web-staging-assets 2> /dev/null || true"
            + " && docker container create --name app-web-staging-assets dhh/app:999"
            + " && docker container cp -L app-web-staging-assets:/public/assets/."
            + " .kamal/apps/app-staging/assets/extracted/web-999"
            + " && docker container rm app-web-staging-assets");
  }

  @Test
  void theNewContainerMountsItsVolumeAfterTheConfiguredVolumes() throws IOException {
    // K:lib/kamal/commands/app.rb:16-35 (asset_volume_args after volume_args, before the labels);
    // K:test/cli/app_test.rb:98-104 (the volume of version latest)
    DeployConfig config = load(ROLES, "asset_path: /public/assets\nvolumes:\n  - /data:/data\n", null);
    AssetCommands web = assets(config, "web");
    assertThat(web.app().run(ContainerSpec.of(config, config.role("web").orElseThrow()), "1.1.1.1", null, web))
        .isEqualTo("docker run --detach --restart unless-stopped --name app-web-999 --network kamal"
            + " --env KAMAL_CONTAINER_NAME=app-web-999 --env KAMAL_VERSION=999 --env KAMAL_HOST=1.1.1.1"
            + " --env-file .kamal/apps/app/env/roles/web.env --log-opt max-size=10m --volume /data:/data"
            + " --volume \"$PWD\"/.kamal/apps/app/assets/volumes/web-999:/public/assets"
            + " --label service=app --label role=web --label destination dhh/app:999");
  }
}

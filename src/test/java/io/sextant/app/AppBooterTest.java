package io.sextant.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.ConfigurationException;
import io.sextant.config.DeployConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roles that need kamal-proxy are refused before anything runs, until the proxy lands. */
class AppBooterTest {
  @TempDir Path dir;

  private DeployConfig load(String servers) throws IOException {
    Path file = dir.resolve("config/deploy.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "service: app\nimage: dhh/app\nregistry:\n  username: dhh\n  password: pw\nbuilder:\n  arch: amd64\n" + servers);
    return ConfigLoader.load(new ConfigRequest(dir, null, null, "1", Map.of())).config();
  }

  @Test
  void thePrimaryRoleRunsTheProxyByDefault() throws IOException {
    DeployConfig config = load("servers:\n  - 1.1.1.1\n");
    assertThatThrownBy(() -> AppBooter.checkRoles(config, config.roles()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("servers/web: role web runs kamal-proxy (the primary role does unless told otherwise), which"
            + " Sextant does not support yet: set `proxy: false` on the role");
  }

  @Test
  void otherRolesRunTheProxyOnlyWhenAsked() throws IOException {
    DeployConfig config = load("servers:\n  web:\n    hosts: [1.1.1.1]\n    proxy: false\n"
        + "  workers:\n    hosts: [1.1.1.2]\n  api:\n    hosts: [1.1.1.3]\n    proxy:\n      app_port: 3000\n");
    assertThatThrownBy(() -> AppBooter.checkRoles(config, config.roles()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("servers/api: role api runs kamal-proxy, which Sextant does not support yet:"
            + " set `proxy: false` on the role");
  }

  @Test
  void rolesWithoutTheProxyBoot() throws IOException {
    DeployConfig config = load("servers:\n  web:\n    hosts: [1.1.1.1]\n    proxy: false\n"
        + "  workers:\n    hosts: [1.1.1.2]\n    proxy: false\n");
    assertThatCode(() -> AppBooter.checkRoles(config, config.roles())).doesNotThrowAnyException();
  }
}

package io.sextant.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HookPointTest {
  @Test
  void knowsKamalsNineHooksTheAppRemoveHooksDockerInstallPlusTheFailureHook() {
    assertThat(Arrays.stream(HookPoint.values()).map(HookPoint::hookName)).containsExactly(
        "pre-connect", "pre-build", "pre-deploy", "post-deploy", "docker-setup", "docker-install", "pre-app-boot", "post-app-boot",
        "pre-app-remove", "post-app-remove", "pre-proxy-reboot", "post-proxy-reboot", "post-deploy-failure");
  }

  @Test
  void onlyPreConnectPreDeployAndPostDeployReceiveSecrets() {
    assertThat(Arrays.stream(HookPoint.values()).filter(HookPoint::receivesSecrets))
        .containsExactly(HookPoint.PRE_CONNECT, HookPoint.PRE_DEPLOY, HookPoint.POST_DEPLOY);
  }

  @Test
  void findsHooksByFileNameOnly() {
    assertThat(HookPoint.fromName("post-app-boot")).contains(HookPoint.POST_APP_BOOT);
    assertThat(HookPoint.fromName("POST_APP_BOOT")).isEmpty();
    assertThat(HookPoint.fromName("pre-deploy.sh")).isEmpty();
    assertThat(HookPoint.fromName("pre-traefik-reboot")).isEmpty();
  }

  @Test
  void listsTheCommandsThatFireEachHook() {
    assertThat(HookPoint.PRE_BUILD.firedBy()).contains("deploy", "build push").doesNotContain("rollback");
    assertThat(HookPoint.PRE_PROXY_REBOOT.firedBy()).contains("proxy reboot");
    assertThat(HookPoint.DOCKER_SETUP.firedBy()).contains("setup", "server bootstrap");
    assertThat(HookPoint.values()).allSatisfy(hook -> assertThat(hook.firedBy()).isNotEmpty());
  }
}

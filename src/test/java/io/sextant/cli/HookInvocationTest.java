package io.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.SextantException;
import io.sextant.hooks.HookPoint;
import org.junit.jupiter.api.Test;

/**
 * {@code KAMAL_LOCK} per hook and command as Kamal has it: true only while the lock is held, used by {@code hooks env}.
 */
class HookInvocationTest {
  @Test
  void deployHoldsTheLockOnlyBetweenPreDeployAndTheAppBootHooks() {
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_CONNECT, "deploy")).isFalse();
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_BUILD, "deploy")).isFalse();
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_DEPLOY, "deploy")).isTrue();
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_APP_BOOT, "deploy")).isTrue();
    assertThat(HookInvocation.lockHeld(HookPoint.POST_APP_BOOT, "rollback")).isTrue();
    assertThat(HookInvocation.lockHeld(HookPoint.POST_DEPLOY, "redeploy")).isFalse();
    assertThat(HookInvocation.lockHeld(HookPoint.POST_DEPLOY_FAILURE, "deploy")).isFalse();
  }

  @Test
  void setupHoldsItForEverythingButPreConnect() {
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_CONNECT, "setup")).isFalse();
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_BUILD, "setup")).isTrue();
    assertThat(HookInvocation.lockHeld(HookPoint.DOCKER_SETUP, "setup")).isTrue();
    assertThat(HookInvocation.lockHeld(HookPoint.POST_DEPLOY, "setup")).isTrue();
  }

  @Test
  void otherCommands() {
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_BUILD, "build")).isFalse();
    assertThat(HookInvocation.lockHeld(HookPoint.PRE_PROXY_REBOOT, "proxy")).isTrue();
    assertThat(HookInvocation.lockHeld(HookPoint.DOCKER_SETUP, "server")).isTrue();
  }

  @Test
  void defaultCommandIsTheFirstThatFiresTheHook() {
    assertThat(HookInvocation.defaultCommand(HookPoint.PRE_CONNECT)).isEqualTo("deploy");
    assertThat(HookInvocation.defaultCommand(HookPoint.PRE_PROXY_REBOOT)).isEqualTo("proxy reboot");
    assertThat(HookInvocation.defaultCommand(HookPoint.DOCKER_SETUP)).isEqualTo("setup");
  }

  @Test
  void unknownHookNamesAreUsageErrors() {
    assertThatThrownBy(() -> HookInvocation.hook("pre_deploy"))
        .isInstanceOf(SextantException.class)
        .satisfies(e -> assertThat(((SextantException) e).exitCode()).isEqualTo(2));
  }
}

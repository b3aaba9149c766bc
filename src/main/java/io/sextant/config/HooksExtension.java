package io.sextant.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sextant's own {@code x-hooks:} block (Kamal ignores {@code x-} keys, so one deploy.yml serves both tools):
 * {@code x-hooks: {timeout: 600, pre-deploy: {timeout: 900}, post_deploy_lock: true}}. Timeouts are in seconds; none
 * means no timeout. {@code post_deploy_lock} keeps the deploy lock through {@code post-deploy} in deploy, redeploy and
 * rollback (row 7 of the user asks).
 */
public record HooksExtension(Integer timeout, Map<String, Integer> hookTimeouts, boolean postDeployLock) {
  public static final HooksExtension NONE = new HooksExtension(null, Map.of(), false);

  /** The key of {@link #postDeployLock()}. */
  public static final String POST_DEPLOY_LOCK = "post_deploy_lock";

  /** Hook names {@code x-hooks} accepts as keys (Kamal's nine, the app-remove hooks merged after 2.12, Sextant's failure hook). */
  public static final java.util.List<String> HOOK_NAMES = java.util.List.of(
      "docker-setup", "docker-install", "pre-connect", "pre-build", "pre-deploy", "post-deploy", "pre-app-boot", "post-app-boot",
      "pre-app-remove", "post-app-remove", "pre-proxy-reboot", "post-proxy-reboot", "post-deploy-failure");

  public HooksExtension {
    hookTimeouts = Ordered.copy(hookTimeouts);
  }

  /** The timeout for {@code hook}: its own, else the default, else none. */
  public Optional<Duration> timeoutFor(String hook) {
    Integer seconds = hookTimeouts.getOrDefault(hook, timeout);
    return seconds == null ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
  }
}

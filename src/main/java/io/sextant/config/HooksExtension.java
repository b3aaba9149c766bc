package io.sextant.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sextant's own {@code x-hooks:} block (Kamal ignores {@code x-} keys, so one deploy.yml serves both tools):
 * {@code x-hooks: {timeout: 600, pre-deploy: {timeout: 900}}}. Timeouts are in seconds; none means no timeout.
 */
public record HooksExtension(Integer timeout, Map<String, Integer> hookTimeouts) {
  public static final HooksExtension NONE = new HooksExtension(null, Map.of());

  /** Hook names {@code x-hooks} accepts as keys (Kamal's nine plus Sextant's failure hook). */
  public static final java.util.List<String> HOOK_NAMES = java.util.List.of(
      "docker-setup", "pre-connect", "pre-build", "pre-deploy", "post-deploy", "pre-app-boot", "post-app-boot",
      "pre-proxy-reboot", "post-proxy-reboot", "post-deploy-failure");

  public HooksExtension {
    hookTimeouts = Ordered.copy(hookTimeouts);
  }

  /** The timeout for {@code hook}: its own, else the default, else none. */
  public Optional<Duration> timeoutFor(String hook) {
    Integer seconds = hookTimeouts.getOrDefault(hook, timeout);
    return seconds == null ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
  }
}

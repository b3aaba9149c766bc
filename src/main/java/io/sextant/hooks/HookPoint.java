package io.sextant.hooks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The points where Sextant runs a user hook: Kamal 2.12's nine (same names, same firing points:
 * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/templates/sample_hooks), the two app-remove hooks Kamal
 * merged after 2.12, {@code docker-install} and {@code post-deploy-failure} (decision B1). Only {@code pre-connect}, {@code pre-deploy} and {@code post-deploy} receive the secrets
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/commands/hook.rb#L6-L10).
 */
public enum HookPoint {
  PRE_CONNECT("pre-connect", true, List.of("every command that connects over SSH (once per process)")),
  PRE_BUILD("pre-build", false, List.of("deploy", "redeploy", "setup", "build push", "build deliver")),
  PRE_DEPLOY("pre-deploy", true, List.of("deploy", "redeploy", "rollback", "setup")),
  POST_DEPLOY("post-deploy", true, List.of("deploy", "redeploy", "rollback", "setup")),
  DOCKER_SETUP("docker-setup", false, List.of("setup", "server bootstrap")),
  /**
   * Sextant only (row 27 of the user asks, basecamp/kamal#1371): when it exists, runs instead of Kamal's
   * get.docker.com install, {@code KAMAL_HOSTS} = the hosts without Docker.
   */
  DOCKER_INSTALL("docker-install", false, List.of("setup", "server bootstrap")),
  PRE_APP_BOOT("pre-app-boot", false,
      List.of("deploy", "redeploy", "rollback", "setup", "app boot", "proxy upgrade", "upgrade")),
  POST_APP_BOOT("post-app-boot", false,
      List.of("deploy", "redeploy", "rollback", "setup", "app boot", "proxy upgrade", "upgrade")),
  /** Merged in Kamal after 2.12 (basecamp/kamal#1879): before {@code app remove} stops anything, under the lock. */
  PRE_APP_REMOVE("pre-app-remove", false, List.of("app remove", "remove")),
  /** Merged in Kamal after 2.12 (basecamp/kamal#1879): after the app's containers, images and folder are gone. */
  POST_APP_REMOVE("post-app-remove", false, List.of("app remove", "remove")),
  PRE_PROXY_REBOOT("pre-proxy-reboot", false, List.of("proxy reboot", "proxy upgrade", "upgrade")),
  POST_PROXY_REBOOT("post-proxy-reboot", false, List.of("proxy reboot", "proxy upgrade", "upgrade")),
  POST_DEPLOY_FAILURE("post-deploy-failure", false, List.of("deploy", "redeploy", "rollback", "setup"));

  /**
   * Kamal 1.x names that Kamal 2 rejects at config load
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration.rb#L383-L389), in the order Kamal lists
   * them.
   */
  public static final List<String> TRAEFIK_ERA_NAMES = List.of("pre-traefik-reboot", "post-traefik-reboot");

  private final String hookName;
  private final boolean receivesSecrets;
  private final List<String> firedBy;

  HookPoint(String hookName, boolean receivesSecrets, List<String> firedBy) {
    this.hookName = hookName;
    this.receivesSecrets = receivesSecrets;
    this.firedBy = firedBy;
  }

  /** The file name of the hook under {@code hooks_path}, e.g. {@code pre-deploy}. */
  public String hookName() {
    return hookName;
  }

  /** Whether the whole secrets map is merged into this hook's environment, as in Kamal. */
  public boolean receivesSecrets() {
    return receivesSecrets;
  }

  /** The commands (one or two words) that fire this hook, for {@code hooks list}. */
  public List<String> firedBy() {
    return firedBy;
  }

  /**
   * Whether {@code KAMAL_HOSTS} is the boot or reboot group rather than every selected host
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/app.rb#L22-L31).
   */
  public boolean usesHostGroups() {
    return this == PRE_APP_BOOT || this == POST_APP_BOOT || this == PRE_PROXY_REBOOT || this == POST_PROXY_REBOOT
        || this == DOCKER_INSTALL;
  }

  /** Whether the hook gets {@code KAMAL_RUNTIME} (post-deploy in Kamal; the failure hook too, B1). */
  public boolean receivesRuntime() {
    return this == POST_DEPLOY || this == POST_DEPLOY_FAILURE;
  }

  /** The hook point with this file name, if any ({@code pre-deploy}, not {@code PRE_DEPLOY}). */
  public static Optional<HookPoint> fromName(String name) {
    return Arrays.stream(values()).filter(point -> point.hookName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return hookName;
  }
}

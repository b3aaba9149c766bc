package io.sextant.hooks;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Builds the exact environment of one hook run (pure: no I/O, the clock is passed in). Kamal's rules
 * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/base.rb#L224-L246) plus ours (D1, D2, D7, B1, B5): the
 * inherited environment, then the {@code KAMAL_*} variables, then the secrets for the three hooks that receive them (a
 * secret named like a variable wins, as in Kamal).
 */
public final class HookEnvironment {
  /**
   * Every variable this class may set. Inherited values of these are removed first, so a value never leaks from a
   * calling hook or the user's shell into a hook that should not have it (e.g. {@code KAMAL_DESTINATION}, which Kamal
   * sets or removes as it loads the configuration).
   */
  public static final Set<String> MANAGED = Set.of(
      "KAMAL_RECORDED_AT", "KAMAL_PERFORMER", "KAMAL_DESTINATION", "KAMAL_VERSION", "KAMAL_SERVICE_VERSION",
      "KAMAL_SERVICE", "KAMAL_HOSTS", "KAMAL_COMMAND", "KAMAL_SUBCOMMAND", "KAMAL_ROLES", "KAMAL_ROLE",
      "KAMAL_LOCK", "KAMAL_LOCK_TOKEN", "KAMAL_RUNTIME", "KAMAL_HOOK", "KAMAL_HOOK_CONTEXT",
      "KAMAL_PREVIOUS_VERSION", "KAMAL_ERROR", "KAMAL_FAILED_STEP", "KAMAL_FAILED_HOSTS", "KAMAL_HOOK_DRY_RUN",
      HookOutputFile.VARIABLE, HookOutputFile.MESSAGE);

  private static final DateTimeFormatter RECORDED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);

  private HookEnvironment() {}

  /**
   * The whole environment of the hook process.
   *
   * @param inherited the Sextant process's environment (never modified)
   * @param secrets all secrets; merged only when {@link HookPoint#receivesSecrets()}
   * @param contextFile the {@code KAMAL_HOOK_CONTEXT} file, or {@code null}
   */
  public static Map<String, String> build(HookPoint hook, HookContext context, Instant now,
      Map<String, String> inherited, Map<String, String> secrets, Path contextFile) {
    return build(hook, context, now, inherited, Map.of(), secrets, contextFile);
  }

  /**
   * As {@link #build(HookPoint, HookContext, Instant, Map, Map, Path)}, with the values earlier hooks of the command
   * passed on through {@code KAMAL_OUTPUT}: they override inherited variables, never a {@code KAMAL_*} variable or a
   * secret.
   */
  public static Map<String, String> build(HookPoint hook, HookContext context, Instant now,
      Map<String, String> inherited, Map<String, String> passed, Map<String, String> secrets, Path contextFile) {
    Map<String, String> env = new LinkedHashMap<>();
    inherited.forEach((name, value) -> {
      if (!MANAGED.contains(name)) {
        env.put(name, value);
      }
    });
    env.putAll(passed);
    env.putAll(variables(hook, context, now, contextFile));
    if (hook.receivesSecrets()) {
      env.putAll(secrets);
    }
    return env;
  }

  /** Only the {@code KAMAL_*} variables, in a stable order (used by {@code hooks env} and the tests). */
  public static Map<String, String> variables(HookPoint hook, HookContext context, Instant now, Path contextFile) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("KAMAL_RECORDED_AT", recordedAt(now));
    vars.put("KAMAL_PERFORMER", context.performer());
    putIfPresent(vars, "KAMAL_DESTINATION", context.destination());
    vars.put("KAMAL_VERSION", context.version());
    vars.put("KAMAL_SERVICE_VERSION", context.serviceVersion());
    vars.put("KAMAL_SERVICE", context.service());
    vars.put("KAMAL_HOSTS", String.join(",", context.hostsFor(hook)));
    vars.put("KAMAL_COMMAND", context.command());
    putIfPresent(vars, "KAMAL_SUBCOMMAND", context.subcommand());
    if (context.roles() != null) {
      String roles = String.join(",", context.roles());
      vars.put("KAMAL_ROLES", roles);
      vars.put("KAMAL_ROLE", roles);
    }
    vars.put("KAMAL_LOCK", Boolean.toString(context.lockHeld()));
    if (context.lockHeld()) {
      putIfPresent(vars, "KAMAL_LOCK_TOKEN", context.lockToken());
    }
    if (hook.receivesRuntime() && context.runtime() != null) {
      vars.put("KAMAL_RUNTIME", runtimeSeconds(context));
    }
    putIfPresent(vars, "KAMAL_PREVIOUS_VERSION", context.previousVersion());
    if (hook == HookPoint.POST_DEPLOY_FAILURE) {
      putIfPresent(vars, "KAMAL_ERROR", context.error() == null ? null : oneLine(context.error()));
      putIfPresent(vars, "KAMAL_FAILED_STEP", context.failedStep());
      if (context.failedHosts() != null) {
        vars.put("KAMAL_FAILED_HOSTS", String.join(",", context.failedHosts()));
      }
    }
    vars.put("KAMAL_HOOK", hook.hookName());
    if (contextFile != null) {
      vars.put("KAMAL_HOOK_CONTEXT", contextFile.toString());
    }
    if (context.dryRun()) {
      vars.put("KAMAL_HOOK_DRY_RUN", "1");
    }
    return vars;
  }

  /**
   * {@code PATH} with the project's {@code .kamal/bin} first (row 24 of the user asks), or {@code inheritedPath}
   * unchanged when there is no such folder.
   */
  public static String pathWith(Path projectBin, String inheritedPath) {
    if (projectBin == null) {
      return inheritedPath;
    }
    return inheritedPath == null || inheritedPath.isEmpty()
        ? projectBin.toString() : projectBin + java.io.File.pathSeparator + inheritedPath;
  }

  /** UTC ISO 8601 to the second with {@code Z}, e.g. {@code 2026-06-18T12:00:00Z} (C2). */
  public static String recordedAt(Instant now) {
    return RECORDED_AT.format(now.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Whole seconds, half away from zero, as Kamal's {@code Float#round}
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/main.rb#L52).
   */
  static String runtimeSeconds(HookContext context) {
    return Long.toString(Math.round(context.runtime().toMillis() / 1000.0));
  }

  /** The first non-blank line, trimmed: variables carry one-line messages. */
  static String oneLine(String text) {
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return "";
  }

  private static void putIfPresent(Map<String, String> vars, String name, String value) {
    if (value != null) {
      vars.put(name, value);
    }
  }
}

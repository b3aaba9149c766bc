package io.sextant.hooks;

import io.sextant.config.OwnFiles;
import io.sextant.console.Verbosity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Everything the hook engine needs from the configuration and the command line, already resolved (the CLI maps
 * {@code deploy.yml} and the flags onto this; the engine never reads configuration itself).
 *
 * @param hooksPath the hooks directory ({@code hooks_path}), resolved against the working directory as Kamal does
 * @param workingDirectory where hooks run: the working directory of the Sextant process, as in Kamal
 * @param output {@code hooks_output} when given as one value for every hook, else {@code null}
 * @param outputByHook {@code hooks_output} when given per hook (hook name ⇒ level)
 * @param defaultTimeout {@code x-hooks.timeout}, or {@code null} for no timeout (B3)
 * @param timeoutByHook {@code x-hooks.<hook>.timeout} (hook name ⇒ timeout)
 * @param timeoutOverride {@code --hook-timeout}: wins over both, or {@code null}
 * @param skipAll {@code -H/--skip-hooks}: no hook runs, {@code pre-connect} included (C5)
 * @param skipPatterns {@code --skip-hook} values, {@code *} wildcards (B6)
 * @param secrets the secrets, read on first use (only for a hook that receives them); their values are redacted
 *     everywhere (D8)
 * @param redactions the secret values to redact before (or without) reading the secrets: those known without
 *     running the files' commands; null means the values of {@code secrets}
 * @param verbosity {@code -v}/{@code -q}/default; {@code -v} and {@code -q} win over {@code hooks_output}, as in Kamal
 * @param auditLog where one JSON line per hook script is appended ({@code .kamal/hooks.log}, B7), or {@code null}
 * @param lockWarningInterval how often a warning is printed while a hook runs with the lock held (B3)
 */
public record HookSettings(
    Path hooksPath,
    Path workingDirectory,
    HookOutput output,
    Map<String, HookOutput> outputByHook,
    Duration defaultTimeout,
    Map<String, Duration> timeoutByHook,
    Duration timeoutOverride,
    boolean skipAll,
    List<String> skipPatterns,
    Supplier<Map<String, String>> secrets,
    Supplier<List<String>> redactions,
    Verbosity verbosity,
    Path auditLog,
    Duration lockWarningInterval) {

  /** How long a hook may keep running after SIGTERM before its process group gets SIGKILL (B3). */
  public static final Duration KILL_GRACE = Duration.ofSeconds(10);

  public HookSettings {
    Objects.requireNonNull(hooksPath, "hooksPath");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    outputByHook = Map.copyOf(outputByHook == null ? Map.of() : outputByHook);
    timeoutByHook = Map.copyOf(timeoutByHook == null ? Map.of() : timeoutByHook);
    skipPatterns = List.copyOf(skipPatterns == null ? List.of() : skipPatterns);
    secrets = secrets == null ? Map::of : secrets;
    verbosity = verbosity == null ? Verbosity.NORMAL : verbosity;
    lockWarningInterval = lockWarningInterval == null ? Duration.ofMinutes(1) : lockWarningInterval;
  }

  /**
   * Defaults for a project in {@code workingDirectory}: hooks in {@code .kamal/hooks}, audit log
   * {@code .kamal/hooks.log}, default output, no timeout, nothing skipped, no secrets.
   */
  public static HookSettings defaults(Path workingDirectory) {
    Path cwd = workingDirectory.toAbsolutePath();
    return new HookSettings(cwd.resolve(".kamal/hooks"), cwd, null, Map.of(), null, Map.of(), null, false,
        List.of(), Map::of, null, Verbosity.NORMAL, cwd.resolve(OwnFiles.HOOKS_LOG), null);
  }

  /** The {@code hooks_output} level of this hook, if one is configured (the per-hook map wins). */
  public Optional<HookOutput> outputFor(HookPoint hook) {
    HookOutput specific = outputByHook.get(hook.hookName());
    return Optional.ofNullable(specific != null ? specific : output);
  }

  /** The effective timeout of each script of this hook: flag, else per-hook, else global, else none. */
  public Optional<Duration> timeoutFor(HookPoint hook) {
    if (timeoutOverride != null) {
      return Optional.of(timeoutOverride);
    }
    Duration specific = timeoutByHook.get(hook.hookName());
    return Optional.ofNullable(specific != null ? specific : defaultTimeout);
  }

  /** Why this hook is skipped ({@code --skip-hooks} or the matching {@code --skip-hook} pattern), if it is. */
  public Optional<String> skipReason(HookPoint hook) {
    if (skipAll) {
      return Optional.of("--skip-hooks");
    }
    return skipPatterns.stream()
        .filter(pattern -> globMatches(pattern, hook.hookName()))
        .findFirst()
        .map(pattern -> "--skip-hook " + pattern);
  }

  static boolean globMatches(String glob, String name) {
    StringBuilder regex = new StringBuilder();
    String[] parts = glob.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      regex.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
    }
    return name.matches(regex.toString());
  }

  public HookSettings withHooksPath(Path path) {
    return new HookSettings(path, workingDirectory, output, outputByHook, defaultTimeout, timeoutByHook,
        timeoutOverride, skipAll, skipPatterns, secrets, redactions, verbosity, auditLog, lockWarningInterval);
  }

  public HookSettings withOutput(HookOutput all, Map<String, HookOutput> byHook) {
    return new HookSettings(hooksPath, workingDirectory, all, byHook, defaultTimeout, timeoutByHook,
        timeoutOverride, skipAll, skipPatterns, secrets, redactions, verbosity, auditLog, lockWarningInterval);
  }

  public HookSettings withTimeouts(Duration global, Map<String, Duration> byHook, Duration override) {
    return new HookSettings(hooksPath, workingDirectory, output, outputByHook, global, byHook, override, skipAll,
        skipPatterns, secrets, redactions, verbosity, auditLog, lockWarningInterval);
  }

  public HookSettings withSkips(boolean all, List<String> patterns) {
    return new HookSettings(hooksPath, workingDirectory, output, outputByHook, defaultTimeout, timeoutByHook,
        timeoutOverride, all, patterns, secrets, redactions, verbosity, auditLog, lockWarningInterval);
  }

  public HookSettings withSecrets(Supplier<Map<String, String>> supplier) {
    return new HookSettings(hooksPath, workingDirectory, output, outputByHook, defaultTimeout, timeoutByHook,
        timeoutOverride, skipAll, skipPatterns, supplier, redactions, verbosity, auditLog, lockWarningInterval);
  }

  /** What to redact while the secrets are not read (see {@code redactions}). */
  public HookSettings withRedactions(Supplier<List<String>> supplier) {
    return new HookSettings(hooksPath, workingDirectory, output, outputByHook, defaultTimeout, timeoutByHook,
        timeoutOverride, skipAll, skipPatterns, secrets, supplier, verbosity, auditLog, lockWarningInterval);
  }

  /** The secret values to redact without reading secrets that are not read yet. */
  public List<String> knownSecretValues() {
    return redactions != null ? redactions.get() : List.copyOf(secrets.get().values());
  }

  public HookSettings withVerbosity(Verbosity level) {
    return new HookSettings(hooksPath, workingDirectory, output, outputByHook, defaultTimeout, timeoutByHook,
        timeoutOverride, skipAll, skipPatterns, secrets, redactions, level, auditLog, lockWarningInterval);
  }

  public HookSettings withAuditLog(Path path) {
    return new HookSettings(hooksPath, workingDirectory, output, outputByHook, defaultTimeout, timeoutByHook,
        timeoutOverride, skipAll, skipPatterns, secrets, redactions, verbosity, path, lockWarningInterval);
  }

  public HookSettings withLockWarningInterval(Duration interval) {
    return new HookSettings(hooksPath, workingDirectory, output, outputByHook, defaultTimeout, timeoutByHook,
        timeoutOverride, skipAll, skipPatterns, secrets, redactions, verbosity, auditLog, interval);
  }
}

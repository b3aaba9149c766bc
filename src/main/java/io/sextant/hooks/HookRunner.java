package io.sextant.hooks;

import io.sextant.SextantException;
import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one way Sextant runs hooks. Every command fires its hook points through {@link #run}; nothing else spawns a hook.
 * A hook runs locally, in the working directory, with no arguments, stdin {@code /dev/null}, the inherited environment
 * plus the {@code KAMAL_*} variables (and the secrets for three hooks); the Sextant process's own environment is never
 * changed. Output follows {@code hooks_output} and {@code -v}/{@code -q} (as Kamal's
 * https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/base.rb#L234-L242), every secret value redacted (D8). A
 * failure throws {@link HookFailedException}; the caller's {@code finally} (lock release) then runs.
 */
public final class HookRunner {
  private final HookSettings settings;
  private final Console console;
  private final Clock clock;
  private final Map<String, String> inheritedEnvironment;
  private final HookAuditLog auditLog;
  private final Set<HookProcess> running = ConcurrentHashMap.newKeySet();
  /** Set by {@link #terminateRunning()}: no new hook starts (but the failure hook) once Sextant is stopping. */
  private boolean stopping;
  private final List<HookAuditLog.Entry> audited = new CopyOnWriteArrayList<>();
  private boolean connected;
  /** What earlier hooks of this command wrote to {@code KAMAL_OUTPUT}: environment of every later hook. */
  private final Map<String, String> passed = new LinkedHashMap<>();

  public HookRunner(HookSettings settings, Console console) {
    this(settings, console, Clock.systemUTC(), io.sextant.invocation.Invocation.current().environment());
  }

  /** With a fixed clock and environment (tests, {@code hooks env}). */
  public HookRunner(HookSettings settings, Console console, Clock clock, Map<String, String> inheritedEnvironment) {
    this.settings = settings;
    this.console = console;
    this.clock = clock;
    this.inheritedEnvironment = Map.copyOf(inheritedEnvironment);
    this.auditLog = new HookAuditLog(settings.auditLog(), console::redacted);
  }

  public HookSettings settings() {
    return settings;
  }

  /**
   * Runs every script of the hook point (B2), in order; the first failure stops the rest. A missing hook is
   * silently skipped, as in Kamal; a skipped one is shown at verbose level.
   *
   * @throws HookFailedException when a script exits non-zero, is killed or times out
   * @throws InvalidHookException when the hook file is a directory or not executable
   */
  public void run(HookPoint hook, HookContext context) {
    Optional<String> skip = settings.skipReason(hook);
    if (skip.isPresent()) {
      console.debug("Skipping hook " + hook.hookName() + " (" + skip.get() + ")");
      for (HookScript script : findScripts(hook)) {
        audit(skipEntry(hook, script.label(), context, skip.get()));
      }
      return;
    }
    List<HookScript> scripts = findScripts(hook);
    for (HookScript script : scripts) {
      if (script.state() == HookScript.State.INVALID) {
        throw new InvalidHookException("Hook `" + hook.hookName() + "` cannot run: " + script.reason());
      }
    }
    for (HookScript script : scripts) {
      if (script.state() == HookScript.State.SKIPPED) {
        console.debug("Skipping " + script.label() + " (" + script.reason() + ")");
        audit(skipEntry(hook, script.label(), context, script.reason()));
      } else {
        runScript(hook, script, context);
      }
    }
  }

  /**
   * Runs a hook whose failure must not replace an earlier error ({@code post-deploy-failure}, B1): nothing is
   * thrown; a failure is returned (message already redacted) for the caller to report next to the original error.
   */
  public Optional<SextantException> runBestEffort(HookPoint hook, HookContext context) {
    try {
      run(hook, context);
      return Optional.empty();
    } catch (SextantException e) {
      return Optional.of(e);
    } catch (RuntimeException e) {
      return Optional.of(new HookFailedException(hook, hook.hookName(),
          console.redacted("Hook `" + hook.hookName() + "` could not run: " + e.getMessage()),
          SextantException.COMMAND_FAILED));
    }
  }

  /**
   * Fires {@code pre-connect} the first time this process is about to open an SSH connection
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/cli/base.rb#L256-L267), with {@code KAMAL_LOCK=false}.
   * Later calls do nothing. The flag is set after the hook returns, so a failed pre-connect (which aborts the command)
   * leaves it unset, as in Kamal.
   */
  public synchronized void preConnectOnce(HookContext context) {
    preConnectOnce(() -> context);
  }

  /**
   * As {@link #preConnectOnce(HookContext)}, building the context only when something needs it: with no
   * {@code pre-connect} script (and the hook not skipped, which is reported) nothing does, and the context's
   * performer costs a git process.
   */
  public synchronized void preConnectOnce(Supplier<HookContext> context) {
    if (connected) {
      return;
    }
    if (settings.skipReason(HookPoint.PRE_CONNECT).isPresent() || !findScripts(HookPoint.PRE_CONNECT).isEmpty()) {
      run(HookPoint.PRE_CONNECT, context.get().withLock(false, null));
    }
    connected = true;
  }

  /**
   * Whether {@code pre-connect} can run no script in this process: it is skipped, or there is none (not even an
   * invalid one, which would fail the command before any connection). Then a connection may start before
   * {@link #preConnectOnce} is called without anything being reordered.
   */
  public boolean preConnectRunsNothing() {
    return settings.skipReason(HookPoint.PRE_CONNECT).isPresent() || findScripts(HookPoint.PRE_CONNECT).isEmpty();
  }

  /**
   * Whether a script of {@code hook} would run now (it is not skipped and has a runnable script, or an invalid one,
   * which fails the command when the hook is reached).
   */
  public boolean wouldRun(HookPoint hook) {
    return settings.skipReason(hook).isEmpty()
        && findScripts(hook).stream().anyMatch(script -> script.state() != HookScript.State.SKIPPED);
  }

  /** Whether {@code pre-connect} has already run (or been skipped) in this process. */
  public synchronized boolean connected() {
    return connected;
  }

  /**
   * Stops every running hook's whole process group: SIGTERM, SIGKILL after {@link HookSettings#KILL_GRACE}.
   * Blocks until they are gone; meant for the SIGINT/SIGTERM handler (D6).
   */
  public void terminateRunning() {
    List<HookProcess> toStop;
    synchronized (running) {
      stopping = true;
      toStop = List.copyOf(running);
    }
    for (HookProcess process : toStop) {
      try {
        process.stopGroup(HookSettings.KILL_GRACE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Every problem that would stop a hook from running ({@link InvalidHookException} messages), for a pre-check. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (HookPoint hook : HookPoint.values()) {
      if (settings.skipReason(hook).isEmpty()) {
        findScripts(hook).stream()
            .filter(script -> script.state() == HookScript.State.INVALID)
            .forEach(script -> problems.add("Hook `" + hook.hookName() + "` cannot run: " + script.reason()));
      }
    }
    return problems;
  }

  /** Throws the first {@link #problems()} entry, if any: call before a command changes anything (D3). */
  public void checkRunnable() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new InvalidHookException(problems.get(0));
    }
  }

  /** One line for the remote audit log: what ran, how it ended (B7); {@code null} when no hook ran. */
  public String auditSummary() {
    if (audited.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    audited.forEach(entry -> parts.add(entry.summary()));
    return console.redacted("hooks: " + String.join(", ", parts));
  }

  /**
   * The exact environment a hook would get now (for {@code hooks env}); no file is written, {@code outputFile}
   * stands for the {@code KAMAL_OUTPUT} file.
   */
  public Map<String, String> environment(HookPoint hook, HookContext context, Path contextFile, Path outputFile) {
    Map<String, String> env = new LinkedHashMap<>(HookEnvironment.build(hook, redactedContext(context),
        clock.instant(), inheritedEnvironment, passedOn(), secretsFor(hook), contextFile));
    addProjectVariables(env, outputFile);
    return env;
  }

  /** The project's {@code .kamal/bin}, put first on the hooks' {@code PATH} when it is a folder. */
  public Optional<Path> projectBin() {
    Path bin = settings.workingDirectory().resolve(".kamal/bin").toAbsolutePath().normalize();
    return Files.isDirectory(bin) ? Optional.of(bin) : Optional.empty();
  }

  /** The values earlier hooks of this command passed on through {@code KAMAL_OUTPUT}, in the order written. */
  public Map<String, String> passedOn() {
    synchronized (passed) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(passed));
    }
  }

  private void addProjectVariables(Map<String, String> env, Path outputFile) {
    env.put(HookOutputFile.VARIABLE, outputFile.toString());
    Optional<Path> bin = projectBin();
    if (bin.isPresent()) {
      env.put("PATH", HookEnvironment.pathWith(bin.get(), env.get("PATH")));
    }
  }

  private List<HookScript> findScripts(HookPoint hook) {
    return HookScript.find(settings.hooksPath(), hook, settings.workingDirectory());
  }

  private void runScript(HookPoint hook, HookScript script, HookContext context) {
    Instant now = clock.instant();
    Map<String, String> secrets = secretsFor(hook);
    HookContext safeContext = redactedContext(context);
    Verbosity level = effectiveLevel(hook);
    String shown = HookScript.shown(script.path(), settings.workingDirectory());
    if (level != Verbosity.QUIET) {
      console.result("Running hook " + script.label() + " (" + shown + ")...");
    }
    Path contextFile = HookContextFile.write(
        HookContextFile.json(hook, safeContext, now, console::redacted), contextDirectory());
    Path outputFile = null;
    HookScriptResult result;
    HookOutputFile.Result output;
    try {
      outputFile = HookOutputFile.create(contextDirectory());
      Map<String, String> env = new LinkedHashMap<>(HookEnvironment.build(hook, safeContext, now,
          inheritedEnvironment, passedOn(), secrets, contextFile));
      addProjectVariables(env, outputFile);
      String prefix = "  [" + script.label() + "] ";
      Consumer<String> lines = level == Verbosity.VERBOSE ? line -> console.result(prefix + line) : line -> { };
      HookProcess process;
      // Starting and registering happen under the same lock terminateRunning() takes, so after a Ctrl-C no hook
      // can start unseen and outlive Sextant; only the failure hook the signal handler itself runs may start.
      synchronized (running) {
        if (stopping && hook != HookPoint.POST_DEPLOY_FAILURE) {
          throw new HookFailedException(hook, script.label(), "Hook `" + hook.hookName()
              + "` not started: Sextant is stopping (interrupted)", SextantException.COMMAND_FAILED);
        }
        try {
          process = HookProcess.start(script.path(), env, settings.workingDirectory(), lines);
        } catch (UncheckedIOException e) {
          throw new HookFailedException(hook, script.label(), console.redacted("Hook `" + hook.hookName()
              + "` could not be started: " + e.getMessage()), SextantException.COMMAND_FAILED);
        }
        running.add(process);
      }
      try {
        result = process.await(settings.timeoutFor(hook).orElse(null), HookSettings.KILL_GRACE,
            context.lockHeld() ? settings.lockWarningInterval() : null,
            elapsed -> console.error("Hook `" + script.label() + "` is still running after "
                + seconds(Duration.ofMillis(elapsed)) + " while the deploy lock is held"
                + " (x-hooks.timeout or --hook-timeout bounds it)"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopQuietly(process);
        throw new HookFailedException(hook, script.label(),
            "Hook `" + hook.hookName() + "` was interrupted", SextantException.COMMAND_FAILED);
      } finally {
        running.remove(process);
      }
      output = HookOutputFile.read(outputFile, script.label());
    } finally {
      deleteQuietly(contextFile);
      if (outputFile != null) {
        deleteQuietly(outputFile);
      }
    }
    takeOutput(output);
    audit(runEntry(hook, script.label(), context, result, output));
    if (!result.succeeded()) {
      throw failure(hook, script, result);
    }
    if (level != Verbosity.QUIET) {
      console.result("Finished hook " + script.label() + " in "
          + String.format(Locale.ROOT, "%.3f", result.duration().toMillis() / 1000.0) + " seconds");
    }
  }

  /** Warns about refused keys, prints the message once, and passes the accepted values on to later hooks. */
  private void takeOutput(HookOutputFile.Result output) {
    output.warnings().forEach(warning -> console.error("Warning: " + warning));
    if (output.message() != null && !output.message().isBlank()) {
      console.info(output.message());
    }
    synchronized (passed) {
      passed.putAll(output.variables());
    }
  }

  private HookFailedException failure(HookPoint hook, HookScript script, HookScriptResult result) {
    String name = script.label().equals(hook.hookName())
        ? "Hook `" + hook.hookName() + "`"
        : "Hook `" + hook.hookName() + "` (" + script.label() + ")";
    String headline;
    if (result.timedOut()) {
      headline = name + " failed: timed out after " + seconds(settings.timeoutFor(hook).orElseThrow());
    } else if (result.exitCode() != null) {
      headline = name + " failed with exit code " + result.exitCode();
    } else {
      headline = name + " failed: killed by " + HookScriptResult.signalName(result.signal());
    }
    StringBuilder message = new StringBuilder(headline);
    String shown = HookScript.shown(script.path(), settings.workingDirectory());
    if (result.outputTail().isEmpty()) {
      message.append("\n").append(shown).append(" wrote nothing");
    } else {
      message.append("\nLast output of ").append(shown).append(":");
      result.outputTail().forEach(line -> message.append("\n  ").append(line));
    }
    return new HookFailedException(hook, script.label(), result, console.redacted(message.toString()));
  }

  /** {@code -v}/{@code -q} win; at default verbosity {@code hooks_output} decides, as in Kamal. */
  Verbosity effectiveLevel(HookPoint hook) {
    if (settings.verbosity() != Verbosity.NORMAL) {
      return settings.verbosity();
    }
    return settings.outputFor(hook)
        .map(output -> output == HookOutput.VERBOSE ? Verbosity.VERBOSE : Verbosity.QUIET)
        .orElse(Verbosity.NORMAL);
  }

  /**
   * Secrets merged into the hook's environment: read (their commands run) only for a hook that receives them, as
   * Kamal reads them only then; their values are registered for redaction (D8).
   */
  private Map<String, String> secretsFor(HookPoint hook) {
    if (!hook.receivesSecrets()) {
      registerSecretsForRedaction();
      return Map.of();
    }
    Map<String, String> secrets = settings.secrets().get();
    console.redact(secrets.values());
    return secrets;
  }

  /** Registers the secret values known so far for redaction; a secret that cannot be read cannot leak either. */
  private void registerSecretsForRedaction() {
    try {
      console.redact(settings.knownSecretValues());
    } catch (RuntimeException e) {
      console.debug("Secrets not loaded for redaction: " + e.getMessage());
    }
  }

  private HookContext redactedContext(HookContext context) {
    if (context.error() == null) {
      return context;
    }
    return context.withFailure(console.redacted(context.error()), context.failedStep(), context.failedHosts());
  }

  private Path contextDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  private HookAuditLog.Entry runEntry(HookPoint hook, String script, HookContext context, HookScriptResult result,
      HookOutputFile.Result output) {
    return new HookAuditLog.Entry(hook.hookName(), script, commandLine(context), result.start(),
        result.duration().toMillis(), result.exitCode(),
        result.signal() == null ? null : HookScriptResult.signalName(result.signal()), result.timedOut(), null,
        context.version(), context.performer(), List.copyOf(output.variables().keySet()), output.message());
  }

  private HookAuditLog.Entry skipEntry(HookPoint hook, String script, HookContext context, String reason) {
    return new HookAuditLog.Entry(hook.hookName(), script, commandLine(context), clock.instant(), 0, null, null,
        false, reason, context.version(), context.performer(), List.of(), null);
  }

  private static String commandLine(HookContext context) {
    String command = context.subcommand() == null ? context.command() : context.command() + " " + context.subcommand();
    return context.dryRun() ? "hooks run (as " + command + ")" : command;
  }

  private void audit(HookAuditLog.Entry entry) {
    registerSecretsForRedaction();
    audited.add(entry);
    try {
      auditLog.append(entry);
    } catch (IOException | UncheckedIOException e) {
      console.error("Cannot append to the hook audit log " + settings.auditLog() + ": " + e.getMessage());
    }
  }

  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s"
        : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }

  private static void stopQuietly(HookProcess process) {
    try {
      process.stopGroup(HookSettings.KILL_GRACE);
    } catch (InterruptedException ignored) {
      // already interrupted: the group got SIGTERM at least
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temp file left behind is harmless (0600, tmpdir)
    }
  }
}

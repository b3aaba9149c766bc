package io.sextant.cli;

import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Kamal's global options. Declared once on the root command with {@code scope = INHERIT}, so they are accepted
 * before or after the command words ({@code sextant -d staging deploy} or {@code sextant deploy -d staging}) and
 * always land in this one object.
 */
public final class GlobalOptions {
  @Option(names = {"-c", "--config-file"}, scope = ScopeType.INHERIT, paramLabel = "PATH",
      description = "Path to the configuration file (default: config/deploy.yml).")
  String configFile = "config/deploy.yml";

  @Option(names = {"-d", "--destination"}, scope = ScopeType.INHERIT, paramLabel = "DEST",
      description = "Destination: merges config/deploy.DEST.yml and reads .kamal/secrets.DEST.")
  String destination;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Detailed output, hook output and stack traces.")
  boolean verbose;

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Errors only.")
  boolean quiet;

  @Option(names = {"-H", "--skip-hooks", "--skip_hooks"}, scope = ScopeType.INHERIT,
      description = "Skip every hook, pre-connect included.")
  boolean skipHooks;

  @Option(names = {"--skip-hook"}, scope = ScopeType.INHERIT, paramLabel = "NAME",
      description = "Skip the named hook (repeatable, * wildcards allowed).")
  List<String> skipHook = List.of();

  @Option(names = {"--hook-timeout"}, scope = ScopeType.INHERIT, paramLabel = "SECONDS",
      description = "Fail any hook still running after this many seconds.")
  Integer hookTimeout;

  @Option(names = {"--version"}, scope = ScopeType.INHERIT, paramLabel = "VERSION",
      description = "The app version to use (default: $VERSION, else git HEAD).")
  String version;

  @Option(names = {"-h", "--hosts"}, scope = ScopeType.INHERIT, paramLabel = "HOSTS",
      description = "Run on these hosts only (comma-separated, * wildcards).")
  String hosts;

  @Option(names = {"-r", "--roles"}, scope = ScopeType.INHERIT, paramLabel = "ROLES",
      description = "Run on hosts of these roles only (comma-separated, * wildcards).")
  String roles;

  @Option(names = {"-p", "--primary"}, scope = ScopeType.INHERIT,
      description = "Run on the primary host only.")
  boolean primary;

  @Option(names = {"--lock-wait"}, scope = ScopeType.INHERIT,
      description = "Wait for an automatic deploy lock held by someone else instead of failing.")
  boolean lockWait;

  @Option(names = {"--lock-wait-timeout"}, scope = ScopeType.INHERIT, paramLabel = "SECONDS",
      description = "How long --lock-wait waits (default: ${DEFAULT-VALUE}).")
  int lockWaitTimeout = 900;

  @Option(names = {"--lock-wait-interval"}, scope = ScopeType.INHERIT, paramLabel = "SECONDS",
      description = "How often --lock-wait retries (default: ${DEFAULT-VALUE}).")
  int lockWaitInterval = 15;

  @Option(names = {"--agent"}, negatable = true, scope = ScopeType.INHERIT,
      description = "Use the warm agent (default), or not (--no-agent); wins over SEXTANT_AGENT and x-agent.")
  Boolean agent;

  public String configFile() { return configFile; }
  public String destination() { return destination; }
  public boolean verbose() { return verbose; }
  public boolean quiet() { return quiet; }
  public boolean skipHooks() { return skipHooks; }
  public List<String> skipHook() { return skipHook; }
  public Integer hookTimeout() { return hookTimeout; }
  public String version() { return version; }
  public String hosts() { return hosts; }
  public String roles() { return roles; }
  public boolean primary() { return primary; }
  public boolean lockWait() { return lockWait; }
  public int lockWaitTimeout() { return lockWaitTimeout; }
  public int lockWaitInterval() { return lockWaitInterval; }
  /** {@code --agent} (true), {@code --no-agent} (false), or {@code null} when neither was given. */
  public Boolean agent() { return agent; }
}

package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.DeployConfig;
import io.sextant.config.HostSelection;
import io.sextant.config.HooksExtension;
import io.sextant.config.HooksOutput;
import io.sextant.config.IgnoredKeys;
import io.sextant.config.LoadedConfig;
import io.sextant.config.ReleaseCommand;
import io.sextant.config.Role;
import io.sextant.console.Console;
import io.sextant.console.Verbosity;
import io.sextant.hooks.GitUser;
import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookOutput;
import io.sextant.hooks.HookSettings;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the configuration and the global flags onto the hook engine: {@link HookSettings} (hooks_path,
 * hooks_output, x-hooks timeouts, secrets, skip flags, verbosity) and the {@link HookContext} of a command.
 */
final class HookProjects {
  private HookProjects() {}

  /**
   * The project in {@code workingDir}, from its configuration (loading errors are thrown, exit 2). The keys
   * Sextant accepts but does not act on are warned about here, once, as {@code config} and {@code deploy} do.
   */
  static HookProject load(GlobalOptions options, Console console, Path workingDir) {
    Path cwd = workingDir.toAbsolutePath();
    LoadedConfig loaded = ConfigLoader.load(new ConfigRequest(cwd, options.configFile(), options.destination(),
        options.version(), io.sextant.invocation.Invocation.current().environment()));
    IgnoredKeys.warnings(loaded.config()).forEach(console::error);
    return new ConfiguredProject(loaded, settings(loaded, options, console.verbosity()), options);
  }

  /**
   * The project from Kamal's defaults ({@code .kamal/hooks}, nothing configured), for the commands that must
   * work when the configuration cannot be loaded ({@code hooks validate}, {@code list}, {@code history}).
   */
  static HookProject defaults(GlobalOptions options, Verbosity verbosity, Path workingDir, String why) {
    HookSettings settings = withFlags(HookSettings.defaults(workingDir.toAbsolutePath()), options, verbosity);
    return new DefaultProject(settings, io.sextant.invocation.Invocation.current().environment(), why);
  }

  /** The engine settings of a loaded configuration. */
  static HookSettings settings(LoadedConfig loaded, GlobalOptions options, Verbosity verbosity) {
    DeployConfig config = loaded.config();
    HooksOutput output = config.hooksOutput();
    Map<String, HookOutput> outputByHook = new LinkedHashMap<>();
    output.perHook().forEach((hook, level) -> outputByHook.put(hook, HookOutput.valueOf(level.name())));
    HooksExtension extension = config.hooksExtension();
    Map<String, Duration> timeouts = new LinkedHashMap<>();
    extension.hookTimeouts().forEach((hook, seconds) -> timeouts.put(hook, Duration.ofSeconds(seconds)));
    HookSettings settings = HookSettings.defaults(loaded.workingDir().toAbsolutePath())
        .withHooksPath(loaded.hooksDir().toAbsolutePath().normalize())
        .withOutput(output.all() == null ? null : HookOutput.valueOf(output.all().name()), outputByHook)
        .withTimeouts(extension.timeout() == null ? null : Duration.ofSeconds(extension.timeout()), timeouts, null)
        .withSecrets(() -> loaded.secrets().asMap())
        .withRedactions(() -> loaded.secretsForRedaction().values());
    return withFlags(settings, options, verbosity);
  }

  /** The flags that shape hooks: {@code -H}, {@code --skip-hook}, {@code --hook-timeout}, {@code -v}/{@code -q}. */
  static HookSettings withFlags(HookSettings settings, GlobalOptions options, Verbosity verbosity) {
    Duration override = options.hookTimeout() == null ? null : Duration.ofSeconds(options.hookTimeout());
    return settings
        .withSkips(options.skipHooks(), options.skipHook())
        .withTimeouts(settings.defaultTimeout(), settings.timeoutByHook(), override)
        .withVerbosity(verbosity);
  }

  /**
   * The context of {@code command}: selected roles ({@code -r}, wildcards, filter order then config order) and
   * hosts ({@code -h}, wildcards; primary role's hosts first, accessory hosts included without {@code -r}).
   */
  static HookContext context(LoadedConfig loaded, GlobalOptions options, String command, String subcommand) {
    return context(loaded, options, command, subcommand, GitUser.of(loaded.workingDir()).performer());
  }

  /** As above with the performer already known. */
  static HookContext context(LoadedConfig loaded, GlobalOptions options, String command, String subcommand,
      String performer) {
    DeployConfig config = loaded.config();
    HostSelection selection =
        HostSelection.select(config, options.hosts(), options.roles(), options.primary());
    return HookContext.of(config.service(), loaded.version(), config.destination(), selection.hosts(),
        selection.roles(), selection.rolesToHosts(), command, subcommand, performer);
  }

  /**
   * {@code context} with the {@code x-release} command, not run yet ({@code pending}), when its command runs one
   * ({@code deploy}, {@code redeploy}, {@code rollback}, {@code setup}) and it is configured; else unchanged.
   */
  static HookContext withRelease(DeployConfig config, HookContext context) {
    if (context.subcommand() != null || !RELEASE_COMMANDS.contains(context.command()) || config.release().isEmpty()) {
      return context;
    }
    ReleaseCommand release = config.release().get();
    List<String> hosts = context.rolesToHosts().getOrDefault(release.role(), List.of());
    return context.withRelease(new HookContext.Release(release.text(), release.role(),
        hosts.isEmpty() ? null : hosts.get(0), release.timeoutSeconds(), hosts.isEmpty() ? "skipped" : "pending"));
  }

  private static final List<String> RELEASE_COMMANDS = List.of("deploy", "redeploy", "rollback", "setup");

  private record ConfiguredProject(LoadedConfig loaded, HookSettings settings, GlobalOptions options)
      implements HookProject {
    @Override
    public Map<String, String> environment() {
      return loaded.environment();
    }

    @Override
    public HookContext context(String command, String subcommand) {
      return withRelease(loaded.config(), HookProjects.context(loaded, options, command, subcommand));
    }

    @Override
    public String source() {
      return loaded.request().displayName(loaded.request().configPath());
    }
  }

  private record DefaultProject(HookSettings settings, Map<String, String> environment, String why)
      implements HookProject {
    @Override
    public HookContext context(String command, String subcommand) {
      throw new SextantException(why, SextantException.USAGE_OR_CONFIG);
    }

    @Override
    public String source() {
      return "Kamal's defaults (" + why + ")";
    }
  }
}

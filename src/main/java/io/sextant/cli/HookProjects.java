package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.console.Verbosity;
import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Builds the {@link HookProject} of the working directory from the configuration and the global flags. */
final class HookProjects {
  private HookProjects() {}

  static HookProject load(GlobalOptions options, Verbosity verbosity, Path workingDir) {
    Path cwd = workingDir.toAbsolutePath();
    HookSettings settings = withFlags(HookSettings.defaults(cwd), options, verbosity);
    boolean configured = Files.exists(cwd.resolve(options.configFile()));
    return new DefaultProject(settings, System.getenv(), configured ? options.configFile() : null);
  }

  /** The flags that shape hooks: {@code -H}, {@code --skip-hook}, {@code --hook-timeout}, {@code -v}/{@code -q}. */
  static HookSettings withFlags(HookSettings settings, GlobalOptions options, Verbosity verbosity) {
    Duration override = options.hookTimeout() == null ? null : Duration.ofSeconds(options.hookTimeout());
    return settings
        .withSkips(options.skipHooks(), options.skipHook())
        .withTimeouts(settings.defaultTimeout(), settings.timeoutByHook(), override)
        .withVerbosity(verbosity);
  }

  /** Kamal's defaults ({@code .kamal/hooks}, no hooks_output) when the configuration is not read. */
  private record DefaultProject(HookSettings settings, Map<String, String> environment, String configFile)
      implements HookProject {
    @Override
    public HookContext context(String command, String subcommand) {
      throw new SextantException("This needs the configuration (service, version, hosts): "
          + (configFile == null ? "no config/deploy.yml here" : "reading " + configFile + " is not wired yet"),
          SextantException.USAGE_OR_CONFIG);
    }

    @Override
    public String source() {
      return "defaults (.kamal/hooks)";
    }
  }
}

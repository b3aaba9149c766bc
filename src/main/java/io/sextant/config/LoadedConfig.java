package io.sextant.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A loaded configuration and what goes with it: the secrets (read on first use, once per process, because
 * {@code $(command)} substitutions are slow and only commands that need a secret may run them) and the app version
 * (resolved on first use: it may run git). Thread-safe.
 */
public final class LoadedConfig {
  private final DeployConfig config;
  private final ConfigRequest request;
  private final Map<String, String> environment;
  private final Supplier<Secrets> secrets;
  private final Supplier<Secrets> secretsWithoutCommands;
  private final Supplier<String> version;
  private volatile boolean secretsRead;

  /**
   * @param secrets reads the secrets files, running their {@code $(command)}s
   * @param secretsWithoutCommands reads them without running any command (for redaction only)
   */
  LoadedConfig(DeployConfig config, ConfigRequest request, Map<String, String> environment,
      Supplier<Secrets> secrets, Supplier<Secrets> secretsWithoutCommands, Supplier<String> version) {
    this.config = config;
    this.request = request;
    this.environment = Map.copyOf(environment);
    this.secrets = memoize(secrets);
    this.secretsWithoutCommands = memoize(secretsWithoutCommands);
    this.version = memoize(version);
  }

  public DeployConfig config() {
    return config;
  }

  /** The secrets, parsed on the first call (running any {@code $(command)} once). */
  public Secrets secrets() {
    Secrets read = secrets.get();
    secretsRead = true;
    return read;
  }

  /**
   * The secrets as far as they are known without running a {@code $(command)}: all of them once {@link #secrets()}
   * has read them, else those written literally in the files (a value that comes from a command, or uses one, is
   * left out: it cannot appear in output before something reads it). For redacting the output of commands that
   * need no secret, which, as in Kamal, never run the files' commands.
   */
  public Secrets secretsForRedaction() {
    return secretsRead ? secrets.get() : secretsWithoutCommands.get();
  }

  /** The app version ({@code --version} ‖ {@code $VERSION} ‖ git HEAD), resolved on the first call. */
  public String version() {
    return version.get();
  }

  /** {@code KAMAL_SERVICE_VERSION}: {@code service@abbreviated-version}. */
  public String serviceVersion() {
    return AppVersion.serviceVersion(config.service(), version());
  }

  public String destination() {
    return config.destination();
  }

  public ConfigRequest request() {
    return request;
  }

  public Path workingDir() {
    return request.workingDir();
  }

  /**
   * The environment as Kamal sees it after loading
   * (https://github.com/basecamp/kamal/blob/v2.12.0/lib/kamal/configuration.rb#L21): the process environment with
   * {@code KAMAL_DESTINATION} set to the destination, or removed without one. Hooks and commands start from it.
   */
  public Map<String, String> environment() {
    return environment;
  }

  /** The hooks directory, resolved against the working directory. */
  public Path hooksDir() {
    return request.workingDir().resolve(config.hooksPath());
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private volatile T value;

      @Override
      public T get() {
        T result = value;
        if (result == null) {
          synchronized (this) {
            result = value;
            if (result == null) {
              result = supplier.get();
              value = result;
            }
          }
        }
        return result;
      }
    };
  }
}

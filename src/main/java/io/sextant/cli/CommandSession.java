package io.sextant.cli;

import io.sextant.agent.AgentClient;
import io.sextant.agent.AgentPlace;
import io.sextant.agent.AgentStarter;
import io.sextant.agent.AgentSwitch;
import io.sextant.config.ConfigLoader;
import io.sextant.config.ConfigRequest;
import io.sextant.config.IgnoredKeys;
import io.sextant.config.DeployConfig;
import io.sextant.config.HostSelection;
import io.sextant.config.LoadedConfig;
import io.sextant.config.Secrets;
import io.sextant.config.SshConfig;
import io.sextant.console.Console;
import io.sextant.deploy.Preflight;
import io.sextant.hooks.GitUser;
import io.sextant.hooks.HookContext;
import io.sextant.hooks.HookRunner;
import io.sextant.lock.DeployLock;
import io.sextant.lock.LockTarget;
import io.sextant.lock.LockWait;
import io.sextant.lock.Sleeper;
import io.sextant.invocation.Invocation;
import io.sextant.process.Interruption;
import io.sextant.ssh.OutputListener;
import io.sextant.ssh.SshHosts;
import io.sextant.ssh.SshSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one command invocation works with, built lazily from the global options so that a command pays only
 * for what it uses: the configuration, its secrets (registered for redaction as soon as they are read), the host
 * selection, the one {@link HookRunner}, the SSH connections (whose first use fires {@code pre-connect}), the
 * deploy lock, and the SIGINT/SIGTERM handling that releases the lock and stops hooks.
 */
public final class CommandSession implements AutoCloseable, io.sextant.deploy.FlowContext {
  private io.sextant.build.BuildFlags buildFlags = io.sextant.build.BuildFlags.DEFAULT;
  private final GlobalOptions options;
  private final Console console;
  private final String command;
  private final String subcommand;
  private final Path workingDir;
  private final Map<String, String> environment;

  private final Set<Preflight.Need> needs;

  private LoadedConfig loaded;
  private HostSelection selection;
  private HookRunner hooks;
  private HookContext baseContext;
  private Interruption interruption;
  private SshHosts ssh;
  private boolean sshRedacts;
  private DeployLock lock;
  private GitUser gitUser;
  private AgentClient agent;
  private boolean useAgent;

  CommandSession(GlobalOptions options, Console console, String command, String subcommand, Path workingDir,
      Map<String, String> environment) {
    this(options, console, command, subcommand, workingDir, environment, Set.of());
  }

  /** @param needs what the command will do, for the {@link Preflight} check run as the configuration loads */
  CommandSession(GlobalOptions options, Console console, String command, String subcommand, Path workingDir,
      Map<String, String> environment, Set<Preflight.Need> needs) {
    this.needs = Set.copyOf(needs);
    this.options = options;
    this.console = console;
    this.command = command;
    this.subcommand = subcommand;
    this.workingDir = workingDir.toAbsolutePath();
    this.environment = Map.copyOf(environment);
  }

  public GlobalOptions options() {
    return options;
  }

  public Console console() {
    return console;
  }

  public String command() {
    return command;
  }

  public Path workingDir() {
    return workingDir;
  }

  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public io.sextant.build.BuildFlags buildFlags() {
    return buildFlags;
  }

  /** Set by the commands that build ({@code --output}, {@code --no-cache}) before the flow runs. */
  public void useBuildFlags(io.sextant.build.BuildFlags flags) {
    this.buildFlags = flags;
  }

  /**
   * The configuration (loaded on first use; errors exit 2), followed at once by the {@link Preflight} check of
   * what the command needs, so that nothing Sextant cannot do gets as far as a hook, build, connection or lock.
   */
  public LoadedConfig loaded() {
    if (loaded == null) {
      LoadedConfig config = ConfigLoader.load(new ConfigRequest(workingDir, options.configFile(),
          options.destination(), options.version(), environment));
      // decided (and SEXTANT_AGENT checked) with the configuration, before any hook or connection
      useAgent = AgentSwitch.of(options.agent(), environment).enabled(config.config().agent());
      Invocation invocation = Invocation.current();
      if (useAgent && config.config().ssh().proxyCommand() == null) {
        invocation.commit(); // the agent may run this command: its output so far goes to the thin client
      } else {
        // In the agent, with nothing run yet, the client runs the command itself: x-agent: false, or a
        // proxy_command, which must run in the user's own directory and environment (as Kamal runs it).
        invocation.handBack();
      }
      IgnoredKeys.warnings(config.config()).forEach(console::error);
      if (!needs.isEmpty()) {
        HostSelection chosen = HostSelection.select(config.config(), options.hosts(), options.roles(),
            options.primary());
        Preflight.local().check(config.config(), () -> {
          Secrets secrets = config.secrets();
          console.redact(secrets.values());
          return secrets;
        }, chosen, needs);
        selection = chosen;
      }
      loaded = config;
    }
    return loaded;
  }

  public DeployConfig config() {
    return loaded().config();
  }

  /** The secrets, read on first use; from then on every value is redacted from all output. */
  public Secrets secrets() {
    Secrets secrets = loaded().secrets();
    console.redact(secrets.values());
    return secrets;
  }

  /**
   * Registers the secret values known without running the secrets files' commands (or all of them, once read)
   * for redaction from everything printed or recorded from now on (D8), also by commands that never use them
   * (remote output, audit lines). A command that needs no secret never runs a {@code $(...)} (as Kamal); a value
   * no command has computed cannot leak either. Best effort: a file that cannot be read hides nothing.
   */
  public void redactSecrets() {
    try {
      console.redact(loaded().secretsForRedaction().values());
    } catch (RuntimeException e) {
      console.debug("Secrets not loaded for redaction: " + e.getMessage());
    }
  }

  public String version() {
    return loaded().version();
  }

  /** The hosts and roles chosen by {@code -h}, {@code -r}, {@code -p}. */
  public HostSelection selection() {
    if (selection == null) {
      selection = HostSelection.select(config(), options.hosts(), options.roles(), options.primary());
    }
    return selection;
  }

  /** The one hook runner of this process. */
  public HookRunner hooks() {
    if (hooks == null) {
      hooks = new HookRunner(HookProjects.settings(loaded(), options, console.verbosity())
          .withSecrets(() -> secrets().asMap())
          .withRedactions(() -> loaded().secretsForRedaction().values()), console);
      interruption().onInterruptFirst("stop running hooks", hooks::terminateRunning);
    }
    return hooks;
  }

  /** What hooks are told right now: the invocation plus the current lock state. */
  public HookContext hookContext() {
    if (baseContext == null) {
      baseContext = HookProjects.context(loaded(), options, command, subcommand, gitUser().performer());
    }
    if (lock == null) {
      return baseContext;
    }
    Map<String, String> lockEnv = lock.hookEnvironment();
    return baseContext.withLock(lock.isHeld(), lockEnv.get(DeployLock.TOKEN_ENV));
  }

  /** SIGINT/SIGTERM handling, installed on first use. */
  public Interruption interruption() {
    if (interruption == null) {
      interruption = Interruption.forProcess();
      interruption.install();
    }
    return interruption;
  }

  /** The SSH connections (one session per host, opened on first use, after {@code pre-connect}). */
  public SshHosts ssh() {
    if (!sshRedacts) {
      redactSecrets(); // remote output may echo a secret
      sshRedacts = true;
    }
    return sshHosts();
  }

  /** The SSH connections before the secrets are read (nothing has run on a host yet). */
  private SshHosts sshHosts() {
    if (ssh == null) {
      loaded();
      // a proxy_command must run in this command's directory and environment, which the agent's sessions lack
      if (useAgent && sshSettings().proxyCommand().isEmpty()) {
        agent = new AgentClient(AgentPlace.of(environment), console::error);
        ssh = new SshHosts(sshSettings(), preConnect(), sshLines(), agent);
      } else {
        ssh = new SshHosts(sshSettings(), preConnect(), sshLines());
      }
    }
    return ssh;
  }

  @Override
  public SshHosts sshWith(SshSettings settings) {
    if (!sshRedacts) {
      redactSecrets(); // remote output may echo a secret
      sshRedacts = true;
    }
    return new SshHosts(settings, preConnect(), sshLines());
  }

  /** Fires pre-connect once per process; the context (its performer costs a git process) only if a script needs it. */
  private Runnable preConnect() {
    return () -> hooks().preConnectOnce(() -> hookContext().withLock(false, null));
  }

  private OutputListener sshLines() {
    return (host, stderr, line) -> console.debug("  " + host + (stderr ? " (stderr): " : ": ") + line);
  }

  /**
   * Starts connecting to {@code hosts} in the background when nothing has to happen before a connection (no
   * {@code pre-connect} script can run, or it has run), so that the connection overlaps what the command still
   * prepares (secrets, version, hooks). Otherwise does nothing: the first command connects, after
   * {@code pre-connect}. A failure is reported by the first command on the host, exactly as without this.
   */
  @Override
  public void connectEarly(List<String> hosts) {
    HookRunner runner = hooks();
    if (runner.connected() || runner.preConnectRunsNothing()) {
      sshHosts().startConnecting(hosts);
    }
  }

  /** The deploy lock, always on the configuration's primary host (D5). */
  public DeployLock lock() {
    if (lock == null) {
      DeployConfig config = config();
      String lockHost = config.primaryHost().orElseThrow(() -> new io.sextant.SextantException(
          "No hosts configured: the deploy lock needs a primary host (servers in " + options.configFile() + ")",
          io.sextant.SextantException.USAGE_OR_CONFIG));
      connectEarly(List.of(lockHost)); // every lock command starts on this host
      LockTarget target = new LockTarget(config.service(), Optional.ofNullable(config.destination()), lockHost,
          selection().hosts(), version(), () -> gitUser().name());
      LockWait wait = new LockWait(options.lockWait(), Duration.ofSeconds(options.lockWaitTimeout()),
          Duration.ofSeconds(options.lockWaitInterval()));
      lock = new DeployLock(ssh(), target, console, environment, wait, Clock.systemUTC(), Sleeper.REAL,
          interruption());
    }
    return lock;
  }

  /** The SSH settings of the configuration. */
  @Override
  public SshSettings sshSettings() {
    return sshSettings(config().ssh(), home());
  }

  private Path home() {
    String home = environment.get("HOME");
    return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
  }

  /** Kamal's {@code ssh:} block onto the SSH layer; {@code ~} is the user's {@code $HOME}. */
  static SshSettings sshSettings(SshConfig ssh, Path home) {
    SshSettings settings = SshSettings.defaults()
        .withUser(ssh.user())
        .withPort(ssh.port())
        .withKeys(ssh.keys().stream().map(key -> expandHome(key, home)).toList(), ssh.keysOnly())
        .withKeyData(ssh.keyData())
        .withKnownHostsFile(home.resolve(".ssh/known_hosts"));
    if (ssh.proxy() != null) {
      settings = settings.withProxyJump(ssh.proxy().contains("@") ? ssh.proxy() : "root@" + ssh.proxy());
    }
    if (ssh.proxyCommand() != null) {
      settings = settings.withProxyCommand(ssh.proxyCommand());
    }
    if (!ssh.configFiles().isEmpty()) {
      // net-ssh reads every file of the list, in order (the first value found wins)
      settings = settings.withSshConfigs(ssh.configFiles().stream().map(file -> expandHome(file, home)).toList());
    } else if (ssh.useConfig()) {
      Path defaultConfig = home.resolve(".ssh/config");
      if (java.nio.file.Files.isRegularFile(defaultConfig)) {
        settings = settings.withSshConfig(defaultConfig);
      }
    }
    return settings;
  }

  private static Path expandHome(String path, Path home) {
    if (path.equals("~")) {
      return home;
    }
    // relative: to the command's directory, made absolute here because the agent that may open the session
    // runs in another directory
    return path.startsWith("~/") ? home.resolve(path.substring(2))
        : Invocation.current().path(path).toAbsolutePath();
  }

  /** Git's user name and email, read once (one git process), when first needed. */
  private synchronized GitUser gitUser() {
    if (gitUser == null) {
      gitUser = GitUser.of(workingDir);
    }
    return gitUser;
  }

  /** The hosts of this selection, for messages. */
  public List<String> hosts() {
    return selection().hosts();
  }

  @Override
  public void close() {
    if (ssh != null) {
      ssh.close();
      if (agent != null && agent.absent() && ssh.connectionsOpened() > 0) {
        startAgent(); // this command connected cold: the next one finds the sessions warm
      }
    }
  }

  private void startAgent() {
    try {
      AgentStarter.start(AgentPlace.of(environment), environment);
    } catch (java.io.IOException | RuntimeException e) {
      console.debug("Agent not started: " + e.getMessage());
    }
  }
}

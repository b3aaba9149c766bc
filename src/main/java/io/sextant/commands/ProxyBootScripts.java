package io.sextant.commands;

/**
 * The round trip of Kamal's {@code proxy boot} on one proxy host, as a {@link StepScript} of the same docker
 * commands in the same order: the {@code kamal} network, the registry login (password on stdin), the running
 * proxy's version, then the apps config directory and {@code start_or_run}. The version check stays Kamal's: the
 * last step runs in this exec only when the version is empty (no proxy yet) or a plain {@code [v]N.N.N} that is not
 * older than the minimum; any other version leaves it out ({@link #STARTED} absent) so the caller compares it as
 * {@code Gem::Version} does and refuses a too-old one before anything starts.
 */
public final class ProxyBootScripts {
  /** Value: the version of the running proxy's image tag, empty when there is none. */
  public static final String VERSION = "version";
  /** Value: present when the last step (directory and {@code start_or_run}) ran. */
  public static final String STARTED = "started";
  /** The step name of the network (a failure there is Kamal's network error). */
  public static final String NETWORK = "docker network create kamal";

  private ProxyBootScripts() {}

  /**
   * @param login the registry login line ({@link RegistryCommands#login}), reading the password on stdin, or
   *     {@code null} when no registry login is configured
   * @param minimumVersion the oldest proxy version accepted, e.g. {@code v0.9.2}
   */
  public static StepScript boot(ProxyCommands proxy, String login, String minimumVersion) {
    StepScript script = new StepScript("proxy boot").run(NETWORK, DockerCommands.ensureNetwork());
    if (login != null) {
      script.runWithStdin("docker login", login);
    }
    return script.captureOrEmpty("proxy version", VERSION, proxy.version())
        .captureIf(notOlderThan(minimumVersion), "proxy boot", STARTED,
            proxy.ensureAppsConfigDirectory() + " && " + proxy.startOrRun());
  }

  /** The rest of the boot, in its own exec, when {@link #boot} left it to the caller's version check. */
  public static String start(ProxyCommands proxy) {
    return proxy.ensureAppsConfigDirectory() + " && " + proxy.startOrRun();
  }

  /**
   * Shell test: no version, or a plain numeric one ({@code v} prefix allowed) not older than {@code minimum},
   * compared segment by segment as numbers (missing segments count as 0, as with {@code Gem::Version}).
   */
  static String notOlderThan(String minimum) {
    String bare = minimum.startsWith("v") ? minimum.substring(1) : minimum;
    if (!bare.matches("[0-9]+(\\.[0-9]+)*")) {
      throw new IllegalArgumentException("minimum version must be numeric, got '" + minimum + "'");
    }
    String version = StepScript.value(VERSION);
    return "{ [ -z " + version + " ] || printf '%s\\n' " + version + " | awk -v min=" + bare
        + " 'NR == 1 { v = $0; sub(/^v/, \"\", v); if (v !~ /^[0-9]+(\\.[0-9]+)*$/) exit 1;"
        + " n = split(v, a, \".\"); m = split(min, b, \".\"); if (m > n) n = m;"
        + " for (i = 1; i <= n; i++) { if (a[i] + 0 > b[i] + 0) exit 0; if (a[i] + 0 < b[i] + 0) exit 1 }"
        + " exit 0 }'; }";
  }
}

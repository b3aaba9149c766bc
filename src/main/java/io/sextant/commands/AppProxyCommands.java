package io.sextant.commands;

import io.sextant.config.DeployConfig;
import io.sextant.config.ProxyBoot;
import io.sextant.config.ProxyConfig;
import io.sextant.config.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Remote command lines that register one role of the app with kamal-proxy (Kamal's
 * {@code Kamal::Commands::App::Proxy} and {@code App::ErrorPages}, with the option list of
 * {@code Configuration::Proxy#deploy_options}): {@code deploy}, {@code remove}, {@code resume} (live) and
 * {@code stop} (maintenance) run through {@code docker exec kamal-proxy kamal-proxy …}, plus the app's directory in
 * the proxy's config volume where custom certificates and error pages go. Pure; quoting goes through {@link Shell}.
 *
 * @param service the {@code service} name
 * @param destination the {@code -d} destination, or {@code null}
 * @param role the role name
 * @param version the version being booted (error pages live in a directory of that name)
 * @param proxy the role's proxy settings
 * @param deployTimeout {@code deploy_timeout} seconds
 * @param drainTimeout {@code drain_timeout} seconds
 * @param errorPages {@code error_pages_path} is set
 */
public record AppProxyCommands(String service, String destination, String role, String version, ProxyConfig proxy,
    int deployTimeout, int drainTimeout, boolean errorPages) {
  public AppProxyCommands {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(proxy, "proxy");
    destination = destination == null || destination.isEmpty() ? null : destination;
  }

  /** The commands for {@code role} of this configuration, booting {@code version}. */
  public static AppProxyCommands of(DeployConfig config, Role role, String version) {
    return new AppProxyCommands(config.service(), config.destination(), role.name(), version,
        config.appProxy(role), config.deployTimeout(), config.drainTimeout(), config.errorPagesPath() != null);
  }

  /** The name the app's role is registered under: {@code <service>-<role>[-<destination>]}. */
  public String serviceName() {
    return destination == null ? service + "-" + role : service + "-" + role + "-" + destination;
  }

  // ---- kamal-proxy ----

  /**
   * Routes traffic to {@code target} (a container id or address on the {@code kamal} network): kamal-proxy waits
   * until the target passes its health check, switches to it and drains the previous target.
   */
  public String deploy(String target) {
    return Shell.join(proxyExec("deploy", serviceName())) + " " + Shell.quote("--target=" + target + ":"
        + proxy.appPort()) + " " + Shell.join(deployOptions());
  }

  /**
   * {@link #deploy} and, once it succeeded (traffic switched, previous target drained), {@code then} in the same
   * exec (the stop of the previous container): its stdout is dropped, its stderr passed on, and when it fails the
   * line {@code onHealthy-failed EXIT} is printed ({@link AppCommands#ON_HEALTHY_FAILED}); the exit status is the
   * deploy's.
   */
  public String deployThen(String target, String then) {
    return deploy(target) + " && { { " + then + "; } >/dev/null </dev/null || echo \"" + AppCommands.ON_HEALTHY_FAILED
        + " $?\"; }";
  }

  /**
   * Kamal's {@code app start} for a role behind the proxy: registers the role's running container (after
   * {@code docker start}) with the proxy again; fails with Kamal's message when there is none.
   */
  public String deployCurrent(AppCommands app) {
    return "id=$(" + app.currentRunningContainerId() + ") && [ -n \"$id\" ] || { echo "
        + Shell.quote("Failed to get endpoint for " + role + ", did the container boot?")
        + " >&2; exit 1; }; " + Shell.join(proxyExec("deploy", serviceName())) + " \"--target=$id:"
        + proxy.appPort() + "\" " + Shell.join(deployOptions());
  }

  /** Kamal's {@code app stop} for a role behind the proxy: removes it from the proxy when a container runs. */
  public String removeCurrent(AppCommands app) {
    return "[ -z \"$(" + app.currentRunningContainerId() + ")\" ] || " + remove() + " || true";
  }

  /** The options of {@code kamal-proxy deploy} after the target, in Kamal's order. */
  private List<String> deployOptions() {
    return deployOptions(proxy, deployTimeout, drainTimeout, containerTlsDirectory(),
        errorPages ? errorPagesContainerDirectory() + "/" + version : null);
  }

  /**
   * Kamal's {@code Configuration::Proxy#deploy_options} as {@code --name=value} words (an accessory's too).
   *
   * @param tlsContainerDirectory where kamal-proxy finds custom certificates (used only with them)
   * @param errorPages the {@code --error-pages} directory, or null
   */
  static List<String> deployOptions(ProxyConfig proxy, int deployTimeout, int drainTimeout,
      String tlsContainerDirectory, String errorPages) {
    List<String> words = new ArrayList<>();
    proxy.hosts().forEach(host -> words.add("--host=" + host));
    if (proxy.ssl()) {
      words.add("--tls");
    }
    if (proxy.customSslCertificate()) {
      words.add("--tls-certificate-path=" + tlsContainerDirectory + "/cert.pem");
      words.add("--tls-private-key-path=" + tlsContainerDirectory + "/key.pem");
    }
    words.add("--deploy-timeout=" + deployTimeout + "s");
    words.add("--drain-timeout=" + drainTimeout + "s");
    option(words, "health-check-interval", seconds(proxy.healthcheckInterval()));
    option(words, "health-check-timeout", seconds(proxy.healthcheckTimeout()));
    option(words, "health-check-path", proxy.healthcheckPath());
    option(words, "target-timeout", seconds(proxy.responseTimeout()));
    flag(words, "buffer-requests", proxy.bufferRequests());
    flag(words, "buffer-responses", proxy.bufferResponses());
    option(words, "buffer-memory", proxy.bufferMemory());
    option(words, "max-request-body", proxy.maxRequestBody());
    option(words, "max-response-body", proxy.maxResponseBody());
    proxy.pathPrefixes().forEach(prefix -> words.add("--path-prefix=" + prefix));
    flag(words, "strip-path-prefix", proxy.stripPathPrefix());
    flag(words, "forward-headers", proxy.forwardHeaders());
    flag(words, "tls-redirect", proxy.sslRedirect());
    proxy.logRequestHeaders().forEach(header -> words.add("--log-request-header=" + header));
    if (proxy.logResponseHeaders() != null) {
      proxy.logResponseHeaders().forEach(header -> words.add("--log-response-header=" + header));
    }
    if (errorPages != null) {
      words.add("--error-pages=" + errorPages);
    }
    return words;
  }

  /** Removes the role from the proxy (it stops routing to it). */
  public String remove() {
    return Shell.join(proxyExec("remove", serviceName()));
  }

  /** Ends maintenance: the proxy routes requests to the role again. */
  public String live() {
    return Shell.join(proxyExec("resume", serviceName()));
  }

  /**
   * Maintenance: the proxy drains in-flight requests, then answers 503 (with {@code message} when given).
   *
   * @param drainTimeout seconds to let in-flight requests finish, or {@code null} for the proxy's default
   * @param message text shown to clients, or {@code null}
   */
  public String maintenance(Integer drainTimeout, String message) {
    List<String> words = proxyExec("stop", serviceName());
    if (drainTimeout != null) {
      words.add("--drain-timeout=" + drainTimeout + "s");
    }
    if (message != null) {
      words.add("--message=" + message);
    }
    return Shell.join(words);
  }

  // ---- files in the proxy's apps config volume ----

  /** {@code .kamal/proxy/apps-config/<service>[-<destination>]}: the app's files for the proxy. */
  public String appDirectory() {
    return ProxyBoot.appDirectory(serviceAndDestination());
  }

  public String removeProxyAppDirectory() {
    return Shell.join(List.of("rm", "-r", appDirectory()));
  }

  /** The role's directory of custom TLS files on the host. */
  public String tlsDirectory() {
    return appDirectory() + "/tls/" + role;
  }

  public String hostTlsCert() {
    return tlsDirectory() + "/cert.pem";
  }

  public String hostTlsKey() {
    return tlsDirectory() + "/key.pem";
  }

  public String createSslDirectory() {
    return Shell.join(List.of("mkdir", "-p", tlsDirectory()));
  }

  /** The app's error pages on the host, one directory per version. */
  public String errorPagesDirectory() {
    return appDirectory() + "/error_pages";
  }

  public String createErrorPagesDirectory() {
    return Shell.join(List.of("mkdir", "-p", errorPagesDirectory()));
  }

  /** Removes the error pages of every version but {@link #version()}. */
  public String cleanUpErrorPages() {
    return Shell.join(List.of("find", errorPagesDirectory(), "-mindepth", "1", "-maxdepth", "1", "!", "-name",
        version, "-exec", "rm", "-rf", "{}")) + " +";
  }

  private String containerTlsDirectory() {
    return ProxyBoot.appContainerDirectory(serviceAndDestination()) + "/tls/" + role;
  }

  private String errorPagesContainerDirectory() {
    return ProxyBoot.appContainerDirectory(serviceAndDestination()) + "/error_pages";
  }

  private String serviceAndDestination() {
    return destination == null ? service : service + "-" + destination;
  }

  private static List<String> proxyExec(String command, String name) {
    return new ArrayList<>(List.of("docker", "exec", ProxyBoot.CONTAINER_NAME, "kamal-proxy", command, name));
  }

  private static String seconds(String value) {
    return value == null ? null : value + "s";
  }

  private static void option(List<String> words, String name, String value) {
    if (value != null) {
      words.add("--" + name + "=" + value);
    }
  }

  /** Kamal's {@code optionize}: {@code true} is the bare flag, {@code false} is written out, null is left out. */
  private static void flag(List<String> words, String name, Boolean value) {
    if (value != null) {
      words.add(value ? "--" + name : "--" + name + "=false");
    }
  }
}

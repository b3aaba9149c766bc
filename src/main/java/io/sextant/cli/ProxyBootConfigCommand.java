package io.sextant.cli;

import io.sextant.SextantException;
import io.sextant.config.ProxyRun;
import io.sextant.deploy.ProxyFlows;
import io.sextant.proxy.BootConfigFiles;
import io.sextant.ssh.RemoteResult;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code proxy boot_config set|get|reset}: the boot config files under {@code .kamal/proxy} that a proxy without
 * {@code proxy: run:} is run from. Deprecated in Kamal 2.12 in favour of {@code proxy: run:}, and says so.
 */
@Command(name = "boot_config", aliases = "boot-config",
    description = "Manage the kamal-proxy boot configuration (set, get or reset; deprecated: use proxy/run).")
final class ProxyBootConfigCommand extends SessionCommand {
  @Parameters(paramLabel = "set|get|reset", description = "What to do with the boot configuration.")
  String action;

  @Option(names = "--publish", negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1",
      description = "Publish the proxy ports on the host (default: true).")
  boolean publish;

  @Option(names = {"--publish-host-ip", "--publish_host_ip"}, paramLabel = "IP",
      description = "Host IP address to bind HTTP/HTTPS traffic to (repeatable; default: all interfaces).")
  List<String> publishHostIps = new ArrayList<>();

  @Option(names = {"--http-port", "--http_port"}, description = "HTTP port to publish on the host (default: 80).")
  int httpPort = ProxyRun.DEFAULT_HTTP_PORT;

  @Option(names = {"--https-port", "--https_port"}, description = "HTTPS port to publish on the host (default: 443).")
  int httpsPort = ProxyRun.DEFAULT_HTTPS_PORT;

  @Option(names = {"--log-max-size", "--log_max_size"}, description = "Max size of the proxy logs (default: 10m).")
  String logMaxSize = ProxyRun.DEFAULT_LOG_MAX_SIZE;

  @Option(names = "--registry", description = "Registry of the proxy image.")
  String registry;

  @Option(names = "--repository", description = "Repository of the proxy image.")
  String repository;

  @Option(names = {"--image-version", "--image_version"}, description = "Version of the proxy to run.")
  String imageVersion;

  @Option(names = {"--metrics-port", "--metrics_port"}, description = "Port to report Prometheus metrics on.")
  Integer metricsPort;

  @Option(names = "--debug", arity = "0..1", fallbackValue = "true", description = "Run the proxy in debug mode.")
  boolean debug;

  @Option(names = {"--docker-options", "--docker_options"}, arity = "1..*", paramLabel = "OPTION=VALUE",
      description = "Docker options for the proxy container (option=value option2=value2).")
  List<String> dockerOptions = new ArrayList<>();

  @Override
  protected int run(CommandSession session) {
    if (!List.of("set", "get", "reset").contains(action)) {
      throw new SextantException("Unknown boot_config subcommand " + action + " (use set, get or reset)",
          SextantException.USAGE_OR_CONFIG);
    }
    BootConfigFiles files = action.equals("set") ? files() : null; // a bad address is reported before any host
    session.console().info(
        "The proxy boot_config command is deprecated - set the config in the deploy YAML at proxy/run instead");
    ProxyFlows flows = new ProxyFlows(session);
    switch (action) {
      case "set" -> audited(session, "Set proxy boot config", () -> flows.setBootConfig(files));
      case "get" -> {
        for (RemoteResult result : flows.container().bootConfig(flows.proxyHosts())) {
          session.console().result("Host " + result.host() + ": " + result.stdout().strip());
        }
      }
      default -> audited(session, "Reset proxy boot config", flows::resetBootConfig);
    }
    return 0;
  }

  private BootConfigFiles files() {
    try {
      return BootConfigFiles.of(publish, publishHostIps, httpPort, httpsPort, logMaxSize, registry, repository,
          imageVersion, metricsPort, debug, dockerOptions);
    } catch (IllegalArgumentException e) {
      throw new SextantException(e.getMessage(), SextantException.USAGE_OR_CONFIG);
    }
  }
}

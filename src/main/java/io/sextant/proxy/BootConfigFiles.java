package io.sextant.proxy;

import io.sextant.commands.Shell;
import io.sextant.config.ProxyBoot;
import io.sextant.config.ProxyRun;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code proxy boot_config set} writes under {@code .kamal/proxy} (Kamal's {@code cli/proxy.rb}): each file's
 * content, or {@code null} when the value is the default and the file is removed instead.
 *
 * @param options the {@code options} file: docker run options (ports, logging, metrics, extra options)
 * @param image the {@code image} file: {@code [registry/]repository/kamal-proxy}
 * @param imageVersion the {@code image_version} file
 * @param runCommand the {@code run_command} file: {@code kamal-proxy run ...}
 */
public record BootConfigFiles(String options, String image, String imageVersion, String runCommand) {

  /**
   * The files for the options of {@code boot_config set}, as Kamal computes them.
   *
   * @param publish whether the ports are published
   * @param bindIps host addresses to publish on (empty: all)
   * @param httpPort host port for HTTP
   * @param httpsPort host port for HTTPS
   * @param logMaxSize Docker log size limit (blank: none)
   * @param registry registry of the proxy image, or null
   * @param repository repository of the proxy image, or null for {@code basecamp}
   * @param imageVersion the image tag, or null for the default
   * @param metricsPort Prometheus metrics port, or null
   * @param debug whether kamal-proxy logs at debug level
   * @param dockerOptions extra docker run options, each {@code option=value} (written as {@code --option=value})
   * @throws IllegalArgumentException for a bind address that is not an IP address
   */
  public static BootConfigFiles of(boolean publish, List<String> bindIps, int httpPort, int httpsPort,
      String logMaxSize, String registry, String repository, String imageVersion, Integer metricsPort,
      boolean debug, List<String> dockerOptions) {
    List<String> options = new ArrayList<>(
        ProxyBoot.publishArgsIf(publish, String.valueOf(httpPort), String.valueOf(httpsPort), bindIps));
    options.addAll(ProxyBoot.loggingArgs(logMaxSize));
    if (metricsPort != null) {
      options.add("--expose=" + metricsPort);
    }
    dockerOptions.forEach(option -> options.add("--" + option));
    String optionsText = String.join(" ", options);

    List<String> imageParts = new ArrayList<>();
    if (registry != null && !registry.isBlank()) {
      imageParts.add(registry);
    }
    imageParts.add(repository != null && !repository.isBlank() ? repository : ProxyBoot.REPOSITORY_NAME);
    imageParts.add(ProxyBoot.IMAGE_NAME);
    String image = String.join("/", imageParts);

    List<String> run = new ArrayList<>();
    if (debug) {
      run.add("--debug");
    }
    if (metricsPort != null) {
      run.addAll(List.of("--metrics-port", Shell.kamalEscape(metricsPort.toString())));
    }
    String runCommand = run.isEmpty() ? null : "kamal-proxy run " + String.join(" ", run);

    return new BootConfigFiles(
        optionsText.equals(String.join(" ", ProxyBoot.defaultBootOptions())) ? null : optionsText,
        image.equals(ProxyBoot.IMAGE_DEFAULT) ? null : image,
        imageVersion,
        runCommand);
  }

  /** Kamal's defaults: {@code ProxyRun} ports 80/443 and a 10m log cap. */
  public static BootConfigFiles defaults() {
    return of(true, List.of(), ProxyRun.DEFAULT_HTTP_PORT, ProxyRun.DEFAULT_HTTPS_PORT, ProxyRun.DEFAULT_LOG_MAX_SIZE,
        null, null, null, null, false, List.of());
  }
}

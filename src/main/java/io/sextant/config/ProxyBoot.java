package io.sextant.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where kamal-proxy keeps its state on a host, and the boot options it gets when no {@code proxy: run:} is
 * configured (Kamal's {@code Configuration::Proxy::Boot}): the boot config files {@code options}, {@code image},
 * {@code image_version} and {@code run_command} under {@code .kamal/proxy}, and the apps config directory mounted
 * into the container. Shared by every app on the host, so nothing here depends on the service or destination except
 * the per-app directories.
 */
public final class ProxyBoot {
  public static final String CONTAINER_NAME = "kamal-proxy";
  public static final String REPOSITORY_NAME = "basecamp";
  public static final String IMAGE_NAME = "kamal-proxy";
  public static final String IMAGE_DEFAULT = REPOSITORY_NAME + "/" + IMAGE_NAME;
  public static final String HOST_DIRECTORY = DeployConfig.RUN_DIRECTORY + "/proxy";
  public static final String OPTIONS_FILE = HOST_DIRECTORY + "/options";
  public static final String IMAGE_FILE = HOST_DIRECTORY + "/image";
  public static final String IMAGE_VERSION_FILE = HOST_DIRECTORY + "/image_version";
  public static final String RUN_COMMAND_FILE = HOST_DIRECTORY + "/run_command";
  public static final String APPS_DIRECTORY = HOST_DIRECTORY + "/apps-config";
  public static final String APPS_CONTAINER_DIRECTORY = "/home/kamal-proxy/.apps-config";

  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

  private ProxyBoot() {}

  /** The per-app directory in the apps config: {@code .kamal/proxy/apps-config/<service>[-<destination>]}. */
  public static String appDirectory(String serviceAndDestination) {
    return APPS_DIRECTORY + "/" + serviceAndDestination;
  }

  public static String appContainerDirectory(String serviceAndDestination) {
    return APPS_CONTAINER_DIRECTORY + "/" + serviceAndDestination;
  }

  /**
   * {@code --publish} words for the HTTP and HTTPS ports, once per bind address (all interfaces when none).
   *
   * @throws IllegalArgumentException naming the first address that is not an IPv4 or IPv6 address
   */
  public static List<String> publishArgs(String httpPort, String httpsPort, List<String> bindIps) {
    List<String> args = new ArrayList<>();
    List<String> ips = bindIps == null || bindIps.isEmpty() ? java.util.Collections.singletonList(null) : bindIps;
    for (String ip : ips) {
      if (ip != null && !isIpAddress(ip)) {
        throw new IllegalArgumentException("Invalid publish IP address: " + ip);
      }
      String prefix = ip == null ? "" : (isIpv6(ip) && !ip.startsWith("[") ? "[" + ip + "]" : ip) + ":";
      args.addAll(List.of("--publish", prefix + httpPort + ":" + ProxyRun.DEFAULT_HTTP_PORT));
      args.addAll(List.of("--publish", prefix + httpsPort + ":" + ProxyRun.DEFAULT_HTTPS_PORT));
    }
    return args;
  }

  /** {@link #publishArgs} when {@code publish}, else nothing. */
  public static List<String> publishArgsIf(boolean publish, String httpPort, String httpsPort, List<String> bindIps) {
    return publish ? publishArgs(httpPort, httpsPort, bindIps) : List.of();
  }

  /** {@code --log-opt max-size=<size>}, or nothing for a blank size. */
  public static List<String> loggingArgs(String maxSize) {
    return maxSize == null || maxSize.isBlank() ? List.of() : List.of("--log-opt", "max-size=" + maxSize);
  }

  /** The boot options used when the host has no {@code options} file: ports 80 and 443, logs capped at 10m. */
  public static List<String> defaultBootOptions() {
    List<String> args = new ArrayList<>(publishArgs(String.valueOf(ProxyRun.DEFAULT_HTTP_PORT),
        String.valueOf(ProxyRun.DEFAULT_HTTPS_PORT), List.of()));
    args.addAll(loggingArgs(ProxyRun.DEFAULT_LOG_MAX_SIZE));
    return args;
  }

  /** Whether {@code ip} is an IPv4 or IPv6 address (no host names: Docker publishes on addresses only). */
  public static boolean isIpAddress(String ip) {
    return IPV4.matcher(ip).matches() || isIpv6(ip);
  }

  private static boolean isIpv6(String ip) {
    if (!ip.contains(":") || !IPV6_CHARS.matcher(ip).matches()) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(ip) instanceof java.net.Inet6Address; // a literal: no lookup
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}

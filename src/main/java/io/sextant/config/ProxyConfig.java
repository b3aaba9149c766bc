package io.sextant.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The kamal-proxy settings of one role that runs behind the proxy (Kamal's {@code Kamal::Configuration::Proxy} of
 * a role): the root {@code proxy:} with the role's own {@code proxy:} deep-merged over it. Values are kept as
 * written (printed the way Ruby prints them); absent optional values are {@code null}, as Kamal's {@code compact}
 * drops them from the {@code kamal-proxy deploy} line.
 *
 * @param role the role's name (custom certificates live in a directory of that name)
 * @param hosts {@code hosts}, else {@code host} split at commas; empty for any host
 * @param appPort {@code app_port} (default 80)
 * @param ssl {@code ssl} is {@code true} or a hash (automatic or custom TLS)
 * @param certificatePem the secret holding the certificate ({@code ssl/certificate_pem}), or null
 * @param privateKeyPem the secret holding the private key ({@code ssl/private_key_pem}), or null
 * @param pathPrefixes {@code path_prefixes}, else {@code path_prefix} split at commas
 * @param logRequestHeaders {@code logging/request_headers}, else Kamal's default headers
 */
public record ProxyConfig(
    String role,
    List<String> hosts,
    String appPort,
    boolean ssl,
    String certificatePem,
    String privateKeyPem,
    String healthcheckInterval,
    String healthcheckTimeout,
    String healthcheckPath,
    String responseTimeout,
    boolean bufferRequests,
    boolean bufferResponses,
    String bufferMemory,
    String maxRequestBody,
    String maxResponseBody,
    List<String> pathPrefixes,
    Boolean stripPathPrefix,
    Boolean forwardHeaders,
    Boolean sslRedirect,
    List<String> logRequestHeaders,
    List<String> logResponseHeaders) {

  /** Headers kamal-proxy logs when {@code logging/request_headers} is not set (Kamal's default). */
  public static final List<String> DEFAULT_LOG_REQUEST_HEADERS = List.of("Cache-Control", "Last-Modified", "User-Agent");

  public ProxyConfig {
    hosts = List.copyOf(hosts);
    pathPrefixes = List.copyOf(pathPrefixes);
    logRequestHeaders = List.copyOf(logRequestHeaders);
    logResponseHeaders = logResponseHeaders == null ? null : List.copyOf(logResponseHeaders);
  }

  /** The settings of {@code role} from its merged {@code proxy:} map ({@link DeployConfig#proxyConfig(Role)}). */
  public static ProxyConfig of(String role, Map<String, Object> proxy) {
    Map<?, ?> ssl = proxy.get("ssl") instanceof Map<?, ?> map ? map : Map.of();
    Map<?, ?> healthcheck = proxy.get("healthcheck") instanceof Map<?, ?> map ? map : Map.of();
    Map<?, ?> buffering = proxy.get("buffering") instanceof Map<?, ?> map ? map : Map.of();
    Map<?, ?> logging = proxy.get("logging") instanceof Map<?, ?> map ? map : Map.of();
    Object sslValue = proxy.get("ssl");
    return new ProxyConfig(
        role,
        listOrSplit(proxy.get("hosts"), proxy.get("host")),
        proxy.get("app_port") == null ? "80" : Scalars.toS(proxy.get("app_port")),
        sslValue != null && !Boolean.FALSE.equals(sslValue),
        present(ssl.get("certificate_pem")),
        present(ssl.get("private_key_pem")),
        text(healthcheck.get("interval")),
        text(healthcheck.get("timeout")),
        text(healthcheck.get("path")),
        text(proxy.get("response_timeout")),
        !Boolean.FALSE.equals(buffering.get("requests")),
        !Boolean.FALSE.equals(buffering.get("responses")),
        text(buffering.get("memory")),
        text(buffering.get("max_request_body")),
        text(buffering.get("max_response_body")),
        listOrSplit(proxy.get("path_prefixes"), proxy.get("path_prefix")),
        flag(proxy.get("strip_path_prefix")),
        flag(proxy.get("forward_headers")),
        flag(proxy.get("ssl_redirect")),
        logging.get("request_headers") instanceof List<?> headers ? strings(headers) : DEFAULT_LOG_REQUEST_HEADERS,
        logging.get("response_headers") instanceof List<?> headers ? strings(headers) : null);
  }

  /** Both a certificate and a private key come from secrets (Kamal's {@code custom_ssl_certificate?}). */
  public boolean customSslCertificate() {
    return certificatePem != null && privateKeyPem != null;
  }

  private static List<String> listOrSplit(Object list, Object commaSeparated) {
    if (list instanceof List<?> values) {
      return strings(values);
    }
    if (commaSeparated == null) {
      return List.of();
    }
    String text = Scalars.toS(commaSeparated);
    // Ruby's split(","), which gives nothing for an empty string (Java's gives one empty field).
    return text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
  }

  private static List<String> strings(List<?> values) {
    return values.stream().map(Scalars::toS).toList();
  }

  private static String text(Object value) {
    return value == null ? null : Scalars.toS(value);
  }

  private static Boolean flag(Object value) {
    return value instanceof Boolean b ? b : null;
  }

  /** Ruby's {@code present?} for a secret name: null for nothing or blank. */
  private static String present(Object value) {
    return value == null || Scalars.toS(value).isBlank() ? null : Scalars.toS(value);
  }
}

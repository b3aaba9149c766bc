package kamalproxy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Serves port 80: finds the service for the request's host and path, applies maintenance/pause, and forwards the
 * request to one target of the service's active group (HTTP/1.1, bodies and responses streamed unless the service
 * buffers them), counting it in flight on that group until the response is fully written.
 */
final class ProxyHandler implements HttpHandler {
  /** Hop-by-hop headers (RFC 9110 7.6.1) and those the JDK client sets itself. */
  private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
      "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
      "content-length", "expect", "host", "http2-settings");

  private final Router router;

  ProxyHandler(Router router) {
    this.router = router;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    RequestLog log = new RequestLog(exchange);
    String host = exchange.getRequestHeaders().getFirst("Host");
    String path = exchange.getRequestURI().getRawPath();
    try {
      Routes.Match match = router.routes().find(host, path == null ? "/" : path);
      if (match == null) {
        log.status = sendError(exchange, 404, null, null);
        return;
      }
      log.service = match.service().name();
      DeployOptions options = match.service().options();
      log.options = options;
      boolean secure = exchange instanceof HttpsExchange;
      if (secure && !options.tls()) {
        log.status = sendError(exchange, 503, null, options.errorPages());
        return;
      }
      String redirect = redirectTarget(exchange, options, secure);
      if (redirect != null) {
        exchange.getResponseHeaders().set("Location", redirect);
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(301, -1);
        log.status = 301;
        return;
      }
      Service.Admission admission = match.service().admit();
      if (admission == Service.Admission.STOPPED) {
        log.status = sendError(exchange, 503, match.service().stopMessage(), options.errorPages());
        return;
      }
      if (admission == Service.Admission.TIMED_OUT) {
        log.status = sendError(exchange, 504, null, options.errorPages());
        return;
      }
      TargetGroup group = match.service().enter();
      try {
        log.target = group.pick();
        log.status = forward(exchange, group, log.target, forwardedPath(path, match, options), options);
      } finally {
        group.leave();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
      log.write();
    }
  }

  /**
   * Where upstream would redirect: to https for a TLS service with {@code --tls-redirect} (only when this proxy
   * can serve it: a custom certificate; automatic TLS is not available here) and to the canonical host.
   */
  private String redirectTarget(HttpExchange exchange, DeployOptions options, boolean secure) {
    String host = Routes.stripPort(exchange.getRequestHeaders().getFirst("Host"));
    boolean toHttps = !secure && options.tls() && options.tlsRedirect() && !options.tlsCertificatePath().isEmpty();
    String wantedHost = !options.canonicalHost().isEmpty() ? options.canonicalHost() : host;
    if (!toHttps && wantedHost.equals(host)) {
      return null;
    }
    return (secure || toHttps ? "https" : "http") + "://" + wantedHost + exchange.getRequestURI().toString();
  }

  private static String forwardedPath(String path, Routes.Match match, DeployOptions options) {
    String raw = path == null || path.isEmpty() ? "/" : path;
    if (options.stripPrefix() && !match.prefix().equals("/") && raw.startsWith(match.prefix())) {
      raw = raw.substring(match.prefix().length());
      return raw.startsWith("/") ? raw : "/" + raw;
    }
    return raw;
  }

  private int forward(HttpExchange exchange, TargetGroup group, String target, String path, DeployOptions options)
      throws IOException, InterruptedException {
    String query = exchange.getRequestURI().getRawQuery();
    URI uri = URI.create("http://" + target + path + (query == null ? "" : "?" + query));
    Headers in = exchange.getRequestHeaders();
    long length = contentLength(in);
    boolean chunked = in.containsKey("Transfer-encoding");
    byte[] buffered = null;
    if (options.bufferRequests() && (length > 0 || chunked)) {
      buffered = readLimited(exchange.getRequestBody(), options.maxRequestBody());
      if (buffered == null) {
        return sendError(exchange, 413, null, options.errorPages());
      }
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(options.targetTimeout().isZero()
        ? java.time.Duration.ofDays(1) : options.targetTimeout());
    copyRequestHeaders(exchange, in, request, options);
    HttpRequest.BodyPublisher body;
    if (buffered != null) {
      body = HttpRequest.BodyPublishers.ofByteArray(buffered);
    } else if (length > 0) {
      body = HttpRequest.BodyPublishers.fromPublisher(
          HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody), length);
    } else if (chunked) {
      body = HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
    } else {
      body = HttpRequest.BodyPublishers.noBody();
    }
    request.method(exchange.getRequestMethod(), body);
    boolean replayable = buffered != null || (length <= 0 && !chunked);
    HttpResponse<InputStream> response;
    try {
      response = send(group, request.build(), replayable);
    } catch (HttpTimeoutException e) {
      Log.info("Target timed out", "target", target, "error", String.valueOf(e.getMessage()));
      return sendError(exchange, 504, null, options.errorPages());
    } catch (IOException e) {
      Log.info("Error while proxying", "target", target, "error", String.valueOf(e));
      return sendError(exchange, 502, null, options.errorPages());
    }
    try (InputStream upstream = response.body()) {
      return relay(exchange, response, upstream, options);
    }
  }

  /** Sends once more when a pooled connection turned out closed and the request can be sent again as is. */
  private static HttpResponse<InputStream> send(TargetGroup group, HttpRequest request, boolean replayable)
      throws IOException, InterruptedException {
    try {
      return group.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw e;
    } catch (IOException e) {
      if (!replayable || e instanceof java.net.ConnectException) {
        throw e;
      }
      return group.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
    }
  }

  private int relay(HttpExchange exchange, HttpResponse<InputStream> response, InputStream upstream,
      DeployOptions options) throws IOException {
    int status = response.statusCode();
    Headers out = exchange.getResponseHeaders();
    for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
      String name = header.getKey();
      if (!name.startsWith(":") && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        out.put(name, header.getValue());
      }
    }
    boolean head = exchange.getRequestMethod().equals("HEAD");
    boolean noBody = head || status == 204 || status == 304 || (status >= 100 && status < 200);
    if (head) {
      // The length of the body a GET would get; the JDK server only writes lengths of bodies it sends.
      response.headers().firstValue("content-length").ifPresent(length -> out.set("Content-Length", length));
    }
    if (options.bufferResponses() && !noBody) {
      byte[] body = readLimited(upstream, options.maxResponseBody());
      if (body == null) {
        out.clear();
        return sendError(exchange, 502, null, options.errorPages());
      }
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      return status;
    }
    long length = response.headers().firstValueAsLong("content-length").orElse(-1);
    exchange.sendResponseHeaders(status, noBody || length == 0 ? -1 : Math.max(length, 0));
    if (!noBody) {
      OutputStream client = exchange.getResponseBody();
      byte[] buffer = new byte[32 * 1024];
      for (int n; (n = upstream.read(buffer)) > 0; ) {
        client.write(buffer, 0, n);
        client.flush();
      }
    }
    return status;
  }

  private static void copyRequestHeaders(HttpExchange exchange, Headers in, HttpRequest.Builder request,
      DeployOptions options) {
    Set<String> connectionTokens = new java.util.HashSet<>();
    for (String value : in.getOrDefault("Connection", List.of())) {
      for (String token : value.split(",")) {
        connectionTokens.add(token.trim().toLowerCase(Locale.ROOT));
      }
    }
    for (Map.Entry<String, List<String>> header : in.entrySet()) {
      String lower = header.getKey().toLowerCase(Locale.ROOT);
      if (NOT_FORWARDED.contains(lower) || connectionTokens.contains(lower) || lower.startsWith("x-forwarded-")) {
        continue;
      }
      for (String value : header.getValue()) {
        try {
          request.header(header.getKey(), value);
        } catch (IllegalArgumentException e) {
          // A header the JDK client refuses to send (restricted name or invalid value): dropped.
        }
      }
    }
    String host = in.getFirst("Host");
    if (host != null) {
      request.header("Host", host);
    }
    String client = exchange.getRemoteAddress().getAddress().getHostAddress();
    String priorFor = options.forwardHeaders() ? in.getFirst("X-Forwarded-For") : null;
    request.header("X-Forwarded-For", priorFor == null ? client : priorFor + ", " + client);
    String priorHost = options.forwardHeaders() ? in.getFirst("X-Forwarded-Host") : null;
    if (priorHost != null || host != null) {
      request.header("X-Forwarded-Host", priorHost != null ? priorHost : host);
    }
    String priorProto = options.forwardHeaders() ? in.getFirst("X-Forwarded-Proto") : null;
    request.header("X-Forwarded-Proto", priorProto != null ? priorProto
        : exchange instanceof HttpsExchange ? "https" : "http");
  }

  private static long contentLength(Headers headers) {
    String value = headers.getFirst("Content-length");
    try {
      return value == null ? -1 : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The whole stream, or null when it is longer than {@code limit} (0 = no limit). */
  private static byte[] readLimited(InputStream in, long limit) throws IOException {
    if (limit <= 0) {
      return in.readAllBytes();
    }
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    return bytes.length > limit ? null : bytes;
  }

  private static int sendError(HttpExchange exchange, int status, String message, String pagesDirectory)
      throws IOException {
    byte[] page = ErrorPages.render(status, message, pagesDirectory);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(status, exchange.getRequestMethod().equals("HEAD") ? -1 : page.length);
    if (!exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseBody().write(page);
    }
    return status;
  }
}

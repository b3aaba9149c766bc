package kamalproxy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One request's log line, with kamal-proxy's "Request" fields (its logging middleware) and the headers a service
 * asked for with {@code --log-request-header}/{@code --log-response-header} as {@code req_<name>}/{@code resp_<name>}.
 */
final class RequestLog {
  private final HttpExchange exchange;
  private final long started = System.nanoTime();
  private final CountingStream body;
  int status;
  String service = "";
  String target = "";
  DeployOptions options;

  /** Starts timing {@code exchange} and counts the bytes of its response body from here on. */
  RequestLog(HttpExchange exchange) {
    this.exchange = exchange;
    this.body = new CountingStream(exchange.getResponseBody());
    exchange.setStreams(null, body);
  }

  void write() {
    Headers in = exchange.getRequestHeaders();
    String clientAddress = exchange.getRemoteAddress().getAddress().getHostAddress();
    String forwardedFor = in.getFirst("X-Forwarded-For");
    String length = in.getFirst("Content-Length");
    List<Object> fields = new ArrayList<>(List.of(
        "host", nonNull(in.getFirst("Host")), "port", exchange.getLocalAddress().getPort(),
        "path", nonNull(exchange.getRequestURI().getPath()), "request_id", nonNull(in.getFirst("X-Request-ID")),
        "status", status, "service", service, "target", target, "duration", System.nanoTime() - started,
        "method", exchange.getRequestMethod(), "req_content_length", length == null ? -1 : parse(length),
        "req_content_type", nonNull(in.getFirst("Content-Type")), "resp_content_length", body.count,
        "resp_content_type", nonNull(exchange.getResponseHeaders().getFirst("Content-Type")),
        "client_addr", clientAddress, "client_port", Integer.toString(exchange.getRemoteAddress().getPort()),
        "remote_addr", forwardedFor != null ? forwardedFor : clientAddress,
        "user_agent", nonNull(in.getFirst("User-Agent")), "proto", exchange.getProtocol(),
        "scheme", exchange instanceof HttpsExchange ? "https" : "http",
        "query", nonNull(exchange.getRequestURI().getRawQuery())));
    if (options != null) {
      addHeaders(fields, "req", options.logRequestHeaders(), in);
      addHeaders(fields, "resp", options.logResponseHeaders(), exchange.getResponseHeaders());
    }
    Log.info("Request", fields.toArray());
  }

  private static void addHeaders(List<Object> fields, String prefix, List<String> names, Headers headers) {
    for (String name : names) {
      fields.add(prefix + "_" + name.toLowerCase(Locale.ROOT).replace('-', '_'));
      fields.add(String.join(",", headers.getOrDefault(name, List.of())));
    }
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }

  private static long parse(String number) {
    try {
      return Long.parseLong(number.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The response body stream, counting what passes. */
  private static final class CountingStream extends FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      count += length;
    }
  }
}

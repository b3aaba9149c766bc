package kamalproxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The HTML pages the proxy answers with when it cannot forward (404 no service, 502/504 target failures, 503
 * maintenance). A service's {@code --error-pages} directory overrides them with {@code <status>.html}, where
 * {@code {{ .Message }}} is replaced by the maintenance message, as kamal-proxy's templates use it.
 */
final class ErrorPages {
  private static final Map<Integer, String> TITLES = Map.of(
      404, "Not Found", 413, "Request Entity Too Large", 502, "Bad Gateway",
      503, "Service Unavailable", 504, "Gateway Timeout");

  private ErrorPages() {
  }

  static byte[] render(int status, String message, String customDirectory) {
    String safeMessage = escape(message == null ? "" : message);
    if (customDirectory != null && !customDirectory.isEmpty()) {
      Path page = Path.of(customDirectory, status + ".html");
      try {
        String template = Files.readString(page);
        return template.replaceAll("\\{\\{\\s*\\.Message\\s*}}", java.util.regex.Matcher.quoteReplacement(safeMessage))
            .getBytes(StandardCharsets.UTF_8);
      } catch (IOException e) {
        // No custom page for this status: fall through to the built-in one.
      }
    }
    String title = status + " " + TITLES.getOrDefault(status, "Error");
    String body = "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + title
        + "</title></head>\n<body>\n<h1>" + title + "</h1>\n"
        + (safeMessage.isEmpty() ? "" : "<p>" + safeMessage + "</p>\n") + "</body>\n</html>\n";
    return body.getBytes(StandardCharsets.UTF_8);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
        .replace("'", "&#39;");
  }
}

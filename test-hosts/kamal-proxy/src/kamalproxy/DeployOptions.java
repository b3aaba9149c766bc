package kamalproxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything a {@code deploy} asks for, normalised and checked as kamal-proxy's {@code deploy} pre-run does
 * (hosts empty means the default host "", path prefixes "/x" form, forward-headers defaulting to !tls).
 */
record DeployOptions(
    String service, List<String> targets, List<String> readers, List<String> hosts, List<String> pathPrefixes,
    boolean stripPrefix, boolean tls, String tlsCertificatePath, String tlsPrivateKeyPath, boolean tlsRedirect,
    String canonicalHost,
    Duration deployTimeout, Duration drainTimeout, boolean force,
    String healthPath, int healthPort, Duration healthInterval, Duration healthTimeout, String healthHost,
    Duration targetTimeout, boolean bufferRequests, boolean bufferResponses, long bufferMemory,
    long maxRequestBody, long maxResponseBody, String errorPages, boolean forwardHeaders,
    List<String> logRequestHeaders, List<String> logResponseHeaders) {

  /** kamal-proxy's target pattern ({@code internal/server/target.go} hostRegex). */
  private static final Pattern TARGET = Pattern.compile("^(\\w[-_.\\w+]+)(:\\d+)?$");

  static DeployOptions from(Cli.Invocation in) throws Cli.UsageException {
    if (in.changed("max-request-body") && !in.changed("buffer-requests")) {
      throw new Cli.UsageException("max-request-body can only be set when request buffering is enabled");
    }
    if (in.changed("max-response-body") && !in.changed("buffer-responses")) {
      throw new Cli.UsageException("max-response-body can only be set when response buffering is enabled");
    }
    if (in.changed("tls-certificate-path") != in.changed("tls-private-key-path")) {
      String missing = in.changed("tls-certificate-path") ? "tls-private-key-path" : "tls-certificate-path";
      throw new Cli.UsageException("if any flags in the group [tls-certificate-path tls-private-key-path] are set "
          + "they must all be set; missing [" + missing + "]");
    }
    List<String> hosts = in.list("host").isEmpty() ? List.of("") : in.list("host");
    List<String> prefixes = normalizePrefixes(in.list("path-prefix"));
    boolean tls = in.bool("tls");
    boolean forwardHeaders = in.changed("forward-headers") ? in.bool("forward-headers") : !tls;
    if (tls) {
      if (in.list("host").isEmpty()) {
        throw new Cli.UsageException("host must be set when using TLS");
      }
      if (!prefixes.contains("/")) {
        throw new Cli.UsageException("TLS settings must be specified on the root path service");
      }
    }
    String canonical = in.string("canonical-host");
    if (!canonical.isEmpty() && !hosts.get(0).isEmpty() && !hosts.contains(canonical)) {
      throw new Cli.UsageException("canonical-host '" + canonical + "' must be present in the hosts list: ["
          + String.join(" ", hosts) + "]");
    }
    return new DeployOptions(in.args().get(0), in.list("target"), in.list("read-target"), hosts, prefixes,
        in.bool("strip-path-prefix"), tls, in.string("tls-certificate-path"), in.string("tls-private-key-path"),
        in.bool("tls-redirect"), canonical,
        in.duration("deploy-timeout"), in.duration("drain-timeout"), in.bool("force"),
        in.string("health-check-path"), (int) in.number("health-check-port"), in.duration("health-check-interval"),
        in.duration("health-check-timeout"), in.string("health-check-host"),
        in.duration("target-timeout"), in.bool("buffer-requests"), in.bool("buffer-responses"),
        in.number("buffer-memory"), in.number("max-request-body"), in.number("max-response-body"),
        in.string("error-pages"), forwardHeaders, in.list("log-request-header"), in.list("log-response-header"));
  }

  /** Checks each target as kamal-proxy does; the message is its "invalid host pattern" error. */
  static void checkTargets(List<String> targets) throws Cli.UsageException {
    for (String target : targets) {
      if (!TARGET.matcher(target).matches()) {
        throw new Cli.UsageException(target + " :invalid host pattern");
      }
    }
  }

  static List<String> normalizePrefixes(List<String> prefixes) {
    if (prefixes.isEmpty()) {
      return List.of("/");
    }
    List<String> result = new ArrayList<>();
    for (String prefix : prefixes) {
      result.add("/" + prefix.replaceAll("^/+|/+$", ""));
    }
    return List.copyOf(result);
  }
}
